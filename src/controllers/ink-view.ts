import type { Ink } from '../ink/ink.js';
import { fitView, sameView, WHOLE_PAD, type InkView } from '../ink/view.js';
import type { CanvasSize } from './canvas-size.js';

export interface ViewSource {
  /** The committed ink, and the stroke being drawn if any. */
  ink(): Ink;
  drawing(): boolean;
  size(): CanvasSize;
  /** Pen width in pad units. */
  penWidth(): number;
}

/** Room round ink that the view was zoomed out for, beyond half the pen's width (pad units). */
const MARGIN = 0.04;

/**
 * The part of the ink a pad shows (ink/view.ts), refitted whenever the ink, the canvas size or
 * the pen width has changed since it was last asked for: zoomed out while ink lies past the
 * pad's edges (a typed line longer than the pad, ink kept through a resize), else the pad as is. It holds still while a stroke is being
 * drawn, so the ink under the pen never moves; the stroke's end is where the view may change.
 * The same object comes back while the fit is unchanged, so `view !== before` means a change.
 */
export class InkViewTracker {
  private fitted: {
    ink: Ink | null;
    size: CanvasSize | null;
    pen: number;
    view: InkView;
  } = { ink: null, size: null, pen: 0, view: WHOLE_PAD };

  constructor(private readonly source: ViewSource) {}

  /** The view as last fitted, without refitting: what the ink was last painted in. */
  get last(): InkView {
    return this.fitted.view;
  }

  get view(): InkView {
    const fitted = this.fitted;
    if (this.source.drawing()) return fitted.view;
    const [ink, size, pen] = [this.source.ink(), this.source.size(), this.source.penWidth()];
    if (ink === fitted.ink && size === fitted.size && pen === fitted.pen) return fitted.view;
    const unit = Math.min(size.width, size.height);
    const [halfWidth, halfHeight] = [size.width / (2 * unit), size.height / (2 * unit)];
    const view = fitView(ink, halfWidth, halfHeight, pen / 2 + MARGIN, fitted.view);
    this.fitted = { ink, size, pen, view: sameView(view, fitted.view) ? fitted.view : view };
    return this.fitted.view;
  }
}
