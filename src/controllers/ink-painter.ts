import type { Ink, InkPoint, Stroke } from '../ink/ink.js';
import { toView, type InkView } from '../ink/view.js';
import type { CanvasSize } from './canvas-size.js';

export interface InkStyle {
  readonly color: string;
  /** Pen width as a fraction of the pad's shorter side, so it scales with the pad. */
  readonly width: number;
  /** The part of the ink in view: the pad zooms out when ink lies past its edges. */
  readonly view: InkView;
}

/**
 * Paints pad-normalised ink onto the canvas. A full repaint happens on resize, undo, clear and
 * theme changes; while drawing, only the new segments of the latest stroke are painted.
 */
export class InkPainter {
  /** The stroke painted last, and how many of its points are on the canvas. */
  private stroke: Stroke | null = null;
  private painted = 0;

  constructor(readonly canvas: HTMLCanvasElement) {}

  repaint(ink: Ink, size: CanvasSize, style: InkStyle): void {
    const ctx = this.context(size, style);
    if (!ctx) return;
    ctx.clearRect(0, 0, size.width, size.height);
    for (const stroke of ink) this.paintStroke(ctx, stroke, 0, size, style.view);
    this.stroke = ink.at(-1) ?? null;
    this.painted = this.stroke?.length ?? 0;
  }

  /** Paints what the stroke gained since it was last painted (all of it, if it is new). */
  extend(stroke: Stroke, size: CanvasSize, style: InkStyle): void {
    const ctx = this.context(size, style);
    if (!ctx) return;
    if (stroke !== this.stroke) {
      this.stroke = stroke;
      this.painted = 0;
    }
    if (this.painted === stroke.length) return;
    this.paintStroke(ctx, stroke, Math.max(0, this.painted - 1), size, style.view);
    this.painted = stroke.length;
  }

  private context(size: CanvasSize, style: InkStyle): CanvasRenderingContext2D | null {
    if (size.width === 0 || size.height === 0) return null;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
    ctx.strokeStyle = style.color;
    ctx.fillStyle = style.color;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = style.width * style.view.scale * Math.min(size.width, size.height);
    return ctx;
  }

  private paintStroke(
    ctx: CanvasRenderingContext2D,
    stroke: Stroke,
    from: number,
    size: CanvasSize,
    view: InkView,
  ): void {
    if (stroke.length === 0) return;
    const unit = Math.min(size.width, size.height);
    const toCss = (p: InkPoint): [number, number] => {
      const { x, y } = toView(view, p);
      return [x * unit + size.width / 2, y * unit + size.height / 2];
    };
    if (stroke.length === 1) {
      const [x, y] = toCss(stroke[0]);
      ctx.beginPath();
      ctx.arc(x, y, ctx.lineWidth / 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    ctx.beginPath();
    ctx.moveTo(...toCss(stroke[from]));
    for (let i = from + 1; i < stroke.length; i++) ctx.lineTo(...toCss(stroke[i]));
    ctx.stroke();
  }
}
