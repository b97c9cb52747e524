import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Ink } from '../ink/ink.js';
import {
  fitView,
  followLine,
  hiddenSides,
  panLine,
  sameView,
  WHOLE_PAD,
  type InkView,
} from '../ink/view.js';
import type { CanvasSize } from './canvas-size.js';

export interface ViewSource {
  /** The committed ink, and the stroke being drawn if any. */
  ink(): Ink;
  drawing(): boolean;
  size(): CanvasSize;
  /** Pen width in pad units. */
  penWidth(): number;
  /** Whether the view follows the ink as a hand-written line: drawn ink in the line modes. */
  followsLine(): boolean;
}

/** Room round ink that the view was zoomed out for, beyond half the pen's width (pad units). */
const MARGIN = 0.04;
/**
 * How long the pen rests (ms) before the view moves along a line: long enough that the second
 * stroke of a 4, 5, 7, "+" or "=" has come, so a glyph is not moved away half written.
 */
export const FOLLOW_PAUSE_MS = 900;

/** What each key does along a line: a step of a third of the pad each way, or an end. */
const PAN_KEYS: Readonly<Record<string, -1 | 1 | 'start' | 'end'>> = {
  ArrowLeft: -1,
  ArrowRight: 1,
  Home: 'start',
  End: 'end',
};

/** CSS pixels in a wheel's line (Firefox reports a mouse wheel in lines), as browsers size it. */
const LINE_PIXELS = 16;

/**
 * The part of the ink a pad shows (ink/view.ts), refitted whenever the ink, the canvas size or
 * the pen width has changed since it was last asked for: zoomed out while ink lies past the
 * pad's edges (a typed line longer than the pad, ink kept through a resize), else the pad as is.
 * In the line modes it also moves along a hand-written line once the pen has rested near the
 * right edge, and back and forth along it when asked (`pan`), and calls `moved` for the host to
 * repaint.
 *
 * It holds still while a stroke is being drawn, so the ink under the pen never moves. The same
 * object comes back while the fit is unchanged, so `view !== before` means a change.
 */
export class InkViewTracker implements ReactiveController {
  private fitted: {
    ink: Ink | null;
    size: CanvasSize | null;
    pen: number;
    view: InkView;
  } = { ink: null, size: null, pen: 0, view: WHOLE_PAD };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wasDrawing = false;
  /**
   * Whether the view was moved along a hand-written line (followed or panned), where ink may
   * lie out of view on either side; until the ink is refitted to another view.
   */
  private along = false;
  private hiddenMemo?: {
    ink: Ink;
    view: InkView;
    size: CanvasSize;
    sides: ReturnType<typeof hiddenSides>;
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly source: ViewSource,
    private readonly moved: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** The view as last fitted, without refitting: what the ink was last painted in. */
  get last(): InkView {
    return this.fitted.view;
  }

  get view(): InkView {
    const fitted = this.fitted;
    if (this.source.drawing()) return fitted.view;
    const [ink, size, pen] = [this.source.ink(), this.source.size(), this.source.penWidth()];
    if (ink === fitted.ink && size === fitted.size && pen === fitted.pen) return fitted.view;
    const [halfWidth, halfHeight] = this.halves(size);
    const along = this.along && this.source.followsLine();
    const view = fitView(ink, halfWidth, halfHeight, pen / 2 + MARGIN, fitted.view, along);
    const same = sameView(view, fitted.view);
    if (!same || ink.length === 0) this.along = false;
    this.fitted = { ink, size, pen, view: same ? fitted.view : view };
    return this.fitted.view;
  }

  /**
   * Moves the view along a hand-written line by `by` pad units (negative: back towards its
   * start), or to its `start` or `end`. False, and nothing moves, while the pen is down, when the
   * line fits, or when the view is zoomed out (a typed line) and shows all of it already.
   */
  pan(by: number | 'start' | 'end'): boolean {
    if (this.source.drawing() || !this.source.followsLine()) return false;
    const current = this.view;
    const [halfWidth, halfHeight] = this.halves(this.source.size());
    const margin = this.source.penWidth() / 2 + MARGIN;
    if (!this.move(panLine(this.source.ink(), halfWidth, halfHeight, margin, current, by)))
      return false;
    // The writer chose where to look: a follow still pending from the last stroke must not undo it.
    clearTimeout(this.timer);
    return true;
  }

  /**
   * The pen going down stops a pending move; its going up (the recorder asks for an update at
   * both) starts the rest after which the view may move.
   */
  hostUpdated(): void {
    const drawing = this.source.drawing();
    if (drawing === this.wasDrawing) return;
    this.wasDrawing = drawing;
    clearTimeout(this.timer);
    if (!drawing && this.source.followsLine()) {
      this.timer = setTimeout(() => this.follow(), FOLLOW_PAUSE_MS);
    }
  }

  /**
   * Arrow Left and Right move a third of the pad along a long line, Home and End to its start
   * and end. True if the key moved the view (the host then prevents its default).
   */
  handleKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
    const step = (2 * this.halves(this.source.size())[0]) / 3;
    const by = PAN_KEYS[event.key];
    return by !== undefined && this.pan(typeof by === 'number' ? by * step : by);
  }

  /**
   * A sideways scroll (a trackpad's swipe, or Shift with a mouse wheel) moves along a long line.
   * The page scrolls as usual when the view does not move, so a pad never traps the wheel.
   */
  readonly handleWheel = (event: WheelEvent): void => {
    const sideways = event.deltaX !== 0 ? event.deltaX : event.shiftKey ? event.deltaY : 0;
    const perDelta =
      event.deltaMode === WheelEvent.DOM_DELTA_LINE
        ? LINE_PIXELS
        : event.deltaMode === WheelEvent.DOM_DELTA_PAGE
          ? this.source.size().width
          : 1;
    if (sideways !== 0 && this.panPixels(sideways * perDelta)) event.preventDefault();
  };

  /** Whether ink lies out of view to the left and to the right (a line moved along). */
  get hidden(): { readonly left: boolean; readonly right: boolean } {
    const [ink, view, size] = [this.source.ink(), this.view, this.source.size()];
    const memo = this.hiddenMemo;
    if (memo?.ink === ink && memo.view === view && memo.size === size) return memo.sides;
    const sides = hiddenSides(ink, this.halves(size)[0], view);
    this.hiddenMemo = { ink, view, size, sides };
    return sides;
  }

  /** `pan` by CSS pixels of the pad. */
  panPixels(by: number): boolean {
    const { width, height } = this.source.size();
    const unit = Math.min(width, height);
    return unit > 0 && this.pan(by / unit);
  }

  private follow(): void {
    if (this.source.drawing()) return;
    const current = this.view;
    const [halfWidth, halfHeight] = this.halves(this.source.size());
    this.move(followLine(this.source.ink(), halfWidth, halfHeight, current));
  }

  private move(next: InkView): boolean {
    if (sameView(next, this.fitted.view)) return false;
    this.fitted = { ...this.fitted, view: next };
    this.along = true;
    this.moved();
    return true;
  }

  /** Half the pad's width and height, in pad units. */
  private halves(size: CanvasSize): [number, number] {
    const unit = Math.min(size.width, size.height);
    return [size.width / (2 * unit), size.height / (2 * unit)];
  }
}
