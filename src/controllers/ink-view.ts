import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Ink } from '../ink/ink.js';
import { fitView, followLine, sameView, WHOLE_PAD, type InkView } from '../ink/view.js';
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

/**
 * The part of the ink a pad shows (ink/view.ts), refitted whenever the ink, the canvas size or
 * the pen width has changed since it was last asked for: zoomed out while ink lies past the
 * pad's edges (a typed line longer than the pad, ink kept through a resize), else the pad as is.
 * In the line modes it also moves along a hand-written line once the pen has rested near the
 * right edge, and calls `moved` for the host to repaint.
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
    const view = fitView(ink, halfWidth, halfHeight, pen / 2 + MARGIN, fitted.view);
    this.fitted = { ink, size, pen, view: sameView(view, fitted.view) ? fitted.view : view };
    return this.fitted.view;
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

  private follow(): void {
    if (this.source.drawing()) return;
    const current = this.view;
    const [halfWidth, halfHeight] = this.halves(this.source.size());
    const next = followLine(this.source.ink(), halfWidth, halfHeight, current);
    if (next === current) return;
    this.fitted = { ...this.fitted, view: next };
    this.moved();
  }

  /** Half the pad's width and height, in pad units. */
  private halves(size: CanvasSize): [number, number] {
    const unit = Math.min(size.width, size.height);
    return [size.width / (2 * unit), size.height / (2 * unit)];
  }
}
