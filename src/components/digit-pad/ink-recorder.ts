import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Ink, InkPoint, Stroke } from '../../ink/ink.js';
import type { InputSource } from '../../workers/protocol.js';

/**
 * What happened to the ink: a stroke started, grew or ended (the stroke is passed along), or the
 * ink was replaced as a whole (undo, clear, a typed digit, a cancelled or revised stroke).
 */
export type InkChange = 'start' | 'extend' | 'end' | 'replace';

/** Undo steps kept; older states are dropped so a long session does not grow without bound. */
const UNDO_DEPTH = 100;

/**
 * Records strokes from Pointer Events and keeps an undo history of whole ink states.
 *
 * Only one pointer draws at a time, and only a primary pointer with the main button (mouse left,
 * pen tip, touch contact). A second finger, another button, a pen eraser or a `pointercancel`
 * never alters committed ink: a cancelled stroke is dropped whole.
 *
 * Moves are first recorded from `pointerrawupdate` where the browser has it (Chromium, secure
 * contexts): it is dispatched as each report arrives, while `pointermove` waits for the next
 * frame with that frame's reports coalesced, which would add up to a frame of latency to every
 * prediction. Those points are provisional, as Chromium's raw updates can run late and carry
 * reports of the next stroke before the `pointerup` that ends this one. `pointermove` is the
 * record: each one rewrites the provisional tail with its own reports, and `pointerup` (which
 * the browser dispatches only after the pending `pointermove`) drops whatever no `pointermove`
 * confirmed. Other engines, insecure pages and synthetic events only have `pointermove`.
 */
export class InkRecorder implements ReactiveController {
  /** Committed strokes, then the stroke in progress if any. */
  private history: Ink[] = [[]];
  private active: InkPoint[] | null = null;
  /** When each point of the active stroke was reported. */
  private times: number[] = [];
  /** How many points of the active stroke came from `pointerdown` and `pointermove`. */
  private confirmed = 0;
  /** Time of the latest report seen, so that a raw update skips reports already recorded. */
  private lastTime = -Infinity;
  private activePointer: number | null = null;
  private rect: DOMRect | null = null;
  source: InputSource = 'ink';

  constructor(
    host: ReactiveControllerHost,
    private readonly surface: () => HTMLElement | undefined,
    private readonly onChange: (change: InkChange, stroke: Stroke | null) => void,
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

  get canUndo(): boolean {
    return this.history.length > 1 || this.active !== null;
  }

  undo(): void {
    if (this.active) this.cancelStroke();
    else if (this.history.length > 1) {
      this.history.pop();
      this.source = 'ink';
      this.onChange('replace', null);
    }
  }

  clear(): void {
    this.endStroke();
    if (this.committed.length > 0) this.commit([], 'ink');
    else this.onChange('replace', null);
  }

  /** Replaces the ink as one undoable step, e.g. with a typed digit's glyph. */
  commit(ink: Ink, source: InputSource): void {
    this.record(ink);
    this.source = source;
    this.onChange('replace', null);
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
    // No preventDefault(): the surface's touch-action and user-select already stop scrolling and
    // selection, and WebKitGTK drops every later event of a pen whose pointerdown was cancelled.
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
    this.times = [];
    this.lastTime = event.timeStamp;
    this.append(event);
    this.confirmed = this.active.length;
    this.onChange('start', this.active);
  };

  /** Records a raw update's reports, provisionally, as soon as they arrive. */
  readonly handleRawUpdate = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    let grew = false;
    for (const report of reportsOf(event)) {
      // Raw updates can repeat reports that a pointermove has already delivered.
      if (report.timeStamp <= this.lastTime) continue;
      this.lastTime = report.timeStamp;
      grew = this.append(report) || grew;
    }
    if (grew) this.onChange('extend', this.active);
  };

  /** Rewrites the provisional tail of the stroke with the reports of this `pointermove`. */
  readonly handleMove = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    const stroke = this.active;
    const from = this.confirmed;
    const tail = stroke.splice(from);
    const tailTimes = this.times.splice(from);
    for (const report of reportsOf(event)) this.append(report);
    this.confirmed = stroke.length;
    // Raw reports later than this event stay provisional, until the next pointermove.
    tail.forEach((point, i) => {
      if (tailTimes[i] > event.timeStamp) this.push(point, tailTimes[i]);
    });
    this.lastTime = Math.max(this.lastTime, event.timeStamp);
    // Usually the raw updates had all these reports already, or the first of them.
    if (!startsWith(stroke, from, tail)) this.onChange('replace', null);
    else if (stroke.length - from > tail.length) this.onChange('extend', stroke);
  };

  readonly handleUp = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    const stroke = this.active;
    const overran = this.confirmed < stroke.length;
    stroke.length = this.times.length = this.confirmed;
    this.append(event);
    this.endStroke();
    if (stroke.length === 0) {
      // Every sample had unusable coordinates: there is nothing to keep.
      this.onChange('replace', null);
      return;
    }
    this.record([...this.committed, stroke]);
    // Provisional points taken back were painted and predicted already: both must be redone.
    this.onChange(overran ? 'replace' : 'end', stroke);
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
    this.onChange('replace', null);
  }

  private endStroke(): void {
    this.active = null;
    this.activePointer = null;
    removeEventListener('pointerup', this.handleUp, true);
    removeEventListener('pointercancel', this.handleCancel, true);
  }

  /** Adds the event's position to the active stroke; false if it added nothing. */
  private append(event: PointerEvent): boolean {
    const point = this.toPad(event);
    return point !== null && this.push(point, event.timeStamp);
  }

  private push(point: InkPoint, time: number): boolean {
    const last = this.active![this.active!.length - 1];
    if (last && last.x === point.x && last.y === point.y) return false;
    this.active!.push(point);
    this.times.push(time);
    return true;
  }

  private toPad(event: PointerEvent): InkPoint | null {
    const rect = this.rect!;
    const unit = Math.min(rect.width, rect.height);
    const x = (event.clientX - rect.left - rect.width / 2) / unit;
    const y = (event.clientY - rect.top - rect.height / 2) / unit;
    return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
  }
}

/** The reports the browser merged into this event, or the event itself. */
function reportsOf(event: PointerEvent): readonly PointerEvent[] {
  const coalesced = event.getCoalescedEvents?.() ?? [];
  return coalesced.length ? coalesced : [event];
}

/** Whether `stroke` continues with `points` from index `from`, point for point. */
function startsWith(
  stroke: readonly InkPoint[],
  from: number,
  points: readonly InkPoint[],
): boolean {
  if (stroke.length - from < points.length) return false;
  return points.every((p, i) => stroke[from + i].x === p.x && stroke[from + i].y === p.y);
}
