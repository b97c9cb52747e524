import type { ReactiveControllerHost } from 'lit';
import type { CanvasSize } from '../../controllers/canvas-size.js';
import type { InkRecorder } from '../../controllers/ink-recorder.js';
import { digitGlyph, lineGlyph } from '../../ink/glyphs.js';
import type { PadMode } from '../../workers/protocol.js';
import { typedSymbol } from './modes.js';

export interface PadKeyboardOptions {
  readonly recorder: InkRecorder;
  /** The mode in effect, which decides what a key types. */
  mode: () => PadMode;
  size: () => CanvasSize;
  /** Moves the view for Arrow keys, Home and End; false when it did not move. */
  viewKey: (event: KeyboardEvent) => boolean;
}

/**
 * The pad's keyboard. A key the mode reads enters its glyph as ink, as if written (`source:
 * 'keyboard'`): in digit mode a digit replaces the ink, in the line modes each symbol is drawn
 * after it. Escape clears, Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo; keys the pad
 * does not use, and Arrow keys once the view cannot move, are left to the page.
 */
export class PadKeyboard {
  private said = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PadKeyboardOptions,
  ) {}

  /** What the status line says after typing ("Typed 7"), until `forget()`. */
  get status(): string {
    return this.said;
  }

  /** Drops the status, e.g. once the user draws. */
  forget(): void {
    this.said = '';
  }

  /** Replaces the ink with a drawing of `digit`. */
  enterDigit(digit: number): void {
    this.options.recorder.commit(digitGlyph(digit), 'keyboard');
  }

  /** Enters the glyph a key types, if the mode reads it; false if it does not. */
  type(key: string): boolean {
    const mode = this.options.mode();
    const symbol = typedSymbol(mode, key);
    if (symbol === null) return false;
    if (mode === 'digit') {
      this.enterDigit(Number(symbol));
    } else {
      const { width, height } = this.options.size();
      // Pad units span the shorter side; a hidden pad is taken to be as wide as it is by default.
      const halfWidth = width && height ? width / (2 * Math.min(width, height)) : 1.5;
      const glyph = lineGlyph(symbol, this.options.recorder.ink, halfWidth);
      if (!glyph) return false;
      this.options.recorder.append(glyph, 'keyboard');
    }
    this.said = `Typed ${symbol}`;
    this.host.requestUpdate();
    return true;
  }

  readonly handleKeyDown = (event: KeyboardEvent): void => {
    const { recorder } = this.options;
    const command = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (event.key === 'Escape' && !recorder.empty) {
      recorder.clear();
    } else if (command && !event.altKey && key === 'z') {
      if (event.shiftKey) recorder.redo();
      else recorder.undo();
    } else if (event.ctrlKey && !event.metaKey && !event.altKey && key === 'y') {
      recorder.redo();
    } else if (!this.options.viewKey(event) && (command || event.altKey || !this.type(event.key))) {
      return;
    }
    event.preventDefault();
  };
}
