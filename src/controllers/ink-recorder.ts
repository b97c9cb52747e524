import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { packInk, type Ink, type InkPoint, type PackedInk, type Stroke } from '../ink/ink.js';
import { InkHistory, type InkState, type RecordedStroke } from '../ink/history.js';
import { fromView, WHOLE_PAD, type InkView } from '../ink/view.js';
import { ActiveStroke } from './active-stroke.js';
import type { InputSource } from '../workers/protocol.js';

/**
 * What happened to the ink: a stroke started, grew or ended with a last point (the stroke is
 * passed along), or the ink was replaced as a whole (undo, redo, clear, typed glyphs, a cancelled
 * or revised stroke). A stroke that ends without adding ink changes nothing.
 */
export type InkChange = 'start' | 'extend' | 'end' | 'replace';

export interface RecorderOptions {
  /** Takes the pointer events, focus and pointer capture. */
  surface: () => HTMLElement | undefined;
  /**
   * The area the ink is painted on, whose box pad units are measured in (by default the
   * surface): inside the surface's border, so that ink lands exactly under the pen.
   */
  area?: () => Element | undefined;
  /** Hears every change, at pen rate. */
  onChange: (change: InkChange, stroke: Stroke | null) => void;
  /** The part of the ink in view (ink/view.ts); new strokes are mapped through it. */
  view?: () => InkView;
}

/**
 * Records strokes from Pointer Events into an undo and redo history (`ink/history.ts`), one step
 * per stroke, clear or typed glyph. Strokes carry stable ids and start and end times.
 *
 * Only one pointer draws at a time, and only a primary pointer with the main button (mouse left,
 * pen tip, touch contact). A second finger, another button, a pen eraser or a `pointercancel`
 * never alters committed ink: a cancelled stroke is dropped whole.
 *
 * Moves are first recorded from `pointerrawupdate` where the browser has it (Chromium, secure
 * contexts): it is dispatched as each report arrives, while `pointermove` waits for the next
 * frame with that frame's reports coalesced, which would add up to a frame of latency to every
 * prediction. Those points are provisional (`ActiveStroke`); `pointerup`, which the browser
 * dispatches only after the pending `pointermove`, keeps only what a `pointermove` confirmed.
 * Other engines, insecure pages and synthetic events only have `pointermove`.
 *
 * State is read from the getters; the host is asked to update when anything it may render
 * (`canUndo`, `canRedo`, `empty`) can have changed, and `onChange` hears every change at pen
 * rate, for painting and predicting without a render.
 */
export class InkRecorder implements ReactiveController {
  private readonly history = new InkHistory();
  private active: ActiveStroke | null = null;
  private activePointer: number | null = null;
  private rect: DOMRect | null = null;
  /** The view the active stroke is drawn in: it holds still until the pen lifts. */
  private strokeView: InkView = WHOLE_PAD;

  private readonly surface: () => HTMLElement | undefined;
  private readonly area: () => Element | undefined;
  private readonly onChange: (change: InkChange, stroke: Stroke | null) => void;
  private readonly view: () => InkView;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: RecorderOptions,
  ) {
    ({ surface: this.surface, onChange: this.onChange } = options);
    this.area = options.area ?? options.surface;
    this.view = options.view ?? (() => WHOLE_PAD);
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.endStroke();
  }

  private get current(): InkState {
    return this.history.current;
  }

  /** Committed strokes, then the stroke in progress if any. */
  get ink(): Ink {
    const { ink } = this.current;
    return this.active?.points.length ? [...ink, this.active.points] : ink;
  }

  /** Whether a stroke is being drawn. */
  get drawing(): boolean {
    return this.active !== null;
  }

  /** Whether the latest change was drawn or typed. */
  get source(): InputSource {
    return this.active ? 'ink' : this.current.source;
  }

  get canUndo(): boolean {
    return this.history.canUndo || this.active !== null;
  }

  get canRedo(): boolean {
    return this.history.canRedo && this.active === null;
  }

  /** Nothing committed and nothing being drawn: there is nothing to clear. */
  get empty(): boolean {
    return this.current.strokes.length === 0 && this.active === null;
  }

  /** The strokes of `ink` with their ids and times; the one being drawn ends at its last report. */
  get strokes(): readonly RecordedStroke[] {
    const { strokes } = this.current;
    return this.active?.points.length ? [...strokes, this.active.recorded] : strokes;
  }

  /** The ink with ids and times, ready to transfer to the worker. */
  packed(): PackedInk {
    const strokes = this.strokes;
    return packInk(
      strokes.map((s) => s.points),
      { ids: strokes.map((s) => s.id), times: strokes.flatMap((s) => [s.start, s.end]) },
    );
  }

  undo(): void {
    if (this.active) this.cancelStroke();
    else if (this.history.undo()) this.replaced();
  }

  redo(): void {
    if (this.canRedo && this.history.redo()) this.replaced();
  }

  clear(): void {
    this.endStroke();
    if (this.current.strokes.length > 0) this.history.record([], 'ink');
    this.replaced();
  }

  /** Replaces the ink as one undoable step, e.g. with a typed digit's glyph. */
  commit(ink: Ink, source: InputSource): void {
    this.endStroke();
    this.history.record(this.history.typed(ink, performance.now()), source);
    this.replaced();
  }

  /** Adds strokes after the current ink as one undoable step, e.g. a typed glyph in a line. */
  append(ink: Ink, source: InputSource): void {
    this.endStroke();
    const typed = this.history.typed(ink, performance.now());
    this.history.record([...this.current.strokes, ...typed], source);
    this.replaced();
  }

  private replaced(): void {
    this.onChange('replace', null);
    this.host.requestUpdate();
  }

  readonly handleDown = (event: PointerEvent): void => {
    if (this.activePointer !== null || !event.isPrimary || event.button !== 0) return;
    const surface = this.surface();
    if (!surface) return;
    this.rect = this.area()?.getBoundingClientRect() ?? surface.getBoundingClientRect();
    if (this.rect.width === 0 || this.rect.height === 0) return;
    this.strokeView = this.view();
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
    // Without pointer capture (synthetic pointers, older engines) a release outside the pad
    // would never reach it and leave the stroke open, so the window listens too.
    addEventListener('pointerup', this.handleUp, true);
    addEventListener('pointercancel', this.handleCancel, true);
    this.active = new ActiveStroke(this.history.newId(), (report) => this.toPad(report), event);
    this.onChange('start', this.active.points);
    this.host.requestUpdate();
  };

  /** Records a raw update's reports, provisionally, as soon as they arrive. */
  readonly handleRawUpdate = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    if (this.active.raw(event)) this.onChange('extend', this.active.points);
  };

  /** Rewrites the provisional tail of the stroke with the reports of this `pointermove`. */
  readonly handleMove = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    const change = this.active.move(event);
    if (change) this.onChange(change, change === 'extend' ? this.active.points : null);
  };

  readonly handleUp = (event: PointerEvent): void => {
    if (event.pointerId !== this.activePointer || !this.active) return;
    const active = this.active;
    const { overran, grew } = active.release(event);
    const stroke = active.points;
    this.endStroke();
    if (stroke.length === 0) {
      // Every sample had unusable coordinates: there is nothing to keep.
      this.replaced();
      return;
    }
    this.history.record([...this.current.strokes, active.recorded], 'ink');
    // Provisional points taken back were painted and predicted already: both must be redone.
    // A release where the last report was leaves the ink as it was painted and predicted.
    if (overran) this.onChange('replace', stroke);
    else if (grew) this.onChange('end', stroke);
    this.host.requestUpdate();
  };

  /** Picks up a new surface size mid-stroke, so later points map correctly. */
  remeasure(): void {
    if (this.active) this.rect = this.area()?.getBoundingClientRect() ?? this.rect;
  }

  readonly handleCancel = (event: PointerEvent): void => {
    if (event.pointerId === this.activePointer) this.cancelStroke();
  };

  /** Drops the stroke being drawn, if any, as a `pointercancel` does (a gesture took over). */
  cancel(): void {
    if (this.active) this.cancelStroke();
  }

  private cancelStroke(): void {
    this.endStroke();
    this.replaced();
  }

  private endStroke(): void {
    this.active = null;
    this.activePointer = null;
    removeEventListener('pointerup', this.handleUp, true);
    removeEventListener('pointercancel', this.handleCancel, true);
  }

  private toPad(event: PointerEvent): InkPoint | null {
    const rect = this.rect!;
    const unit = Math.min(rect.width, rect.height);
    const x = (event.clientX - rect.left - rect.width / 2) / unit;
    const y = (event.clientY - rect.top - rect.height / 2) / unit;
    return Number.isFinite(x) && Number.isFinite(y) ? fromView(this.strokeView, { x, y }) : null;
  }
}
