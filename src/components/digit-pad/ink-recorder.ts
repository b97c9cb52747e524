import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Ink, InkPoint } from '../../ink/ink.js';
import type { InputSource } from '../../workers/protocol.js';

export type InkChange = 'extend' | 'replace';

/** Undo steps kept; older states are dropped so a long session does not grow without bound. */
const UNDO_DEPTH = 100;

/**
 * Records strokes from Pointer Events and keeps an undo history of whole ink states.
 *
 * Only one pointer draws at a time, and only a primary pointer with the main button (mouse left,
 * pen tip, touch contact). A second finger, another button, a pen eraser or a `pointercancel`
 * never alters committed ink: a cancelled stroke is dropped whole.
 */
export class InkRecorder implements ReactiveController {
  /** Committed strokes, then the stroke in progress if any. */
  private history: Ink[] = [[]];
  private active: InkPoint[] | null = null;
  private activePointer: number | null = null;
  private rect: DOMRect | null = null;
  source: InputSource = 'ink';

  constructor(
    host: ReactiveControllerHost,
    private readonly surface: () => HTMLElement | undefined,
    private readonly onChange: (change: InkChange) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.endStroke();
  }

  get committed(): Ink {
    return this.history[this.history.length - 1];
  }

  /** Committed ink plus the stroke being drawn. */
  get ink(): Ink {
    return this.active?.length ? [...this.committed, this.active] : this.committed;
  }

  get activeStroke(): readonly InkPoint[] | null {
    return this.active;
  }

  get canUndo(): boolean {
    return this.history.length > 1 || this.active !== null;
  }

  undo(): void {
    if (this.active) this.cancelStroke();
    else if (this.history.length > 1) {
      this.history.pop();
      this.source = 'ink';
      this.onChange('replace');
    }
  }

  clear(): void {
    this.endStroke();
    if (this.committed.length > 0) this.commit([], 'ink');
    else this.onChange('replace');
  }

  /** Replaces the ink as one undoable step, e.g. with a typed digit's glyph. */
  commit(ink: Ink, source: InputSource): void {
    this.record(ink);
    this.source = source;
    this.onChange('replace');
  }

  private record(ink: Ink): void {
    this.history.push(ink);
    if (this.history.length > UNDO_DEPTH + 1) this.history.shift();
  }

  readonly handleDown = (event: PointerEvent): void => {
    if (this.activePointer !== null || !event.isPrimary || event.button !== 0) return;
    const surface = this.surface();
    if (!surface) return;
    this.rect = surface.getBoundingClientRect();
    if (this.rect.width === 0 || this.rect.height === 0) return;
    event.preventDefault();
    // Focus for the keyboard shortcuts, without a focus ring for a pointer user.
    surface.focus({ preventScroll: true, focusVisible: false });
    try {
      surface.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic or already-released pointers cannot be captured; drawing still works.
    }
    this.activePointer = event.pointerId;
    this.active = [];
    // Without pointer capture (synthetic pointers, older engines) a release outside the pad
    // would never reach it and leave the stroke open, so the window listens too.
    addEventListener('pointerup', this.handleUp, true);
    addEventListener('pointercancel', this.handleCancel, true);
    this.source = 'ink';
    this.append(event);
    this.onChange('extend');
  };

  readonly handleMove = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    // Coalesced events carry the full-rate samples the browser merged into this one.
    const samples = event.getCoalescedEvents?.() ?? [];
    for (const sample of samples.length ? samples : [event]) this.append(sample);
    this.onChange('extend');
  };

  readonly handleUp = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    this.append(event);
    const stroke = this.active;
    this.endStroke();
    if (stroke.length === 0) {
      // Every sample had unusable coordinates: there is nothing to keep.
      this.onChange('replace');
      return;
    }
    this.record([...this.committed, stroke]);
    this.onChange('extend');
  };

  /** Picks up a new surface size mid-stroke, so later points map correctly. */
  remeasure(): void {
    if (this.active) this.rect = this.surface()?.getBoundingClientRect() ?? this.rect;
  }

  readonly handleCancel = (event: PointerEvent): void => {
    if (event.pointerId === this.activePointer) this.cancelStroke();
  };

  private cancelStroke(): void {
    this.endStroke();
    this.onChange('replace');
  }

  private endStroke(): void {
    this.active = null;
    this.activePointer = null;
    removeEventListener('pointerup', this.handleUp, true);
    removeEventListener('pointercancel', this.handleCancel, true);
  }

  private append(event: PointerEvent): void {
    const rect = this.rect!;
    const unit = Math.min(rect.width, rect.height);
    const x = (event.clientX - rect.left - rect.width / 2) / unit;
    const y = (event.clientY - rect.top - rect.height / 2) / unit;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const last = this.active![this.active!.length - 1];
    if (last && last.x === x && last.y === y) return;
    this.active!.push({ x, y });
  }
}
