import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CanvasSize } from './canvas-size.js';
import type { Ink, Stroke } from '../ink/ink.js';
import type { InkView } from '../ink/view.js';
import type { InkChange } from './ink-recorder.js';
import { InkPainter } from './ink-painter.js';

export interface PaintingSource {
  canvas(): HTMLCanvasElement | undefined;
  size(): CanvasSize;
  ink(): Ink;
  /** Pen width as a fraction of the pad's shorter side. */
  penWidth(): number;
  view(): InkView;
}

/**
 * Paints a recorder's ink on a canvas: new pen segments once per animation frame, everything at
 * once when the ink is replaced (undo, clear, typing) or the canvas is resized. The ink colour is
 * the canvas's CSS `color`, read at each full repaint, so themes and forced colours apply.
 */
export class InkPaintingController implements ReactiveController {
  private painter: InkPainter | null = null;
  private color = 'CanvasText';
  /** Ink waiting to be painted at the next frame: one stroke's new segments, or everything. */
  private unpainted: Stroke | 'all' | null = null;
  private frame = 0;
  private paintedSize: CanvasSize | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: PaintingSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.unpainted) this.frame ||= requestAnimationFrame(this.paint);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  hostUpdated(): void {
    const canvas = this.source.canvas();
    if (canvas && this.painter?.canvas !== canvas) this.painter = new InkPainter(canvas);
    // A new size means a new (cleared) backing store.
    if (this.source.size() !== this.paintedSize) this.repaint();
  }

  /** Hears every ink change, at pen rate: only what changed is painted, at the next frame. */
  inkChanged(change: InkChange, stroke: Stroke | null): void {
    if (change === 'replace') {
      // Undo, clear, typed glyphs and revised strokes are rare, and expected to show at once.
      this.unpainted = null;
      this.repaint();
      return;
    }
    // Two different strokes within one frame are simply painted afresh.
    const same = this.unpainted === null || this.unpainted === stroke;
    this.unpainted = stroke && same ? stroke : 'all';
    this.frame ||= requestAnimationFrame(this.paint);
  }

  /** Paints everything again, e.g. after the pen width or the theme changed. */
  repaint(): void {
    const canvas = this.source.canvas();
    if (!this.painter || !canvas) return;
    this.color = getComputedStyle(canvas).color || this.color;
    this.paintedSize = this.source.size();
    this.painter.repaint(this.source.ink(), this.paintedSize, this.style());
  }

  private readonly paint = (): void => {
    this.frame = 0;
    const unpainted = this.unpainted;
    this.unpainted = null;
    if (unpainted === 'all') this.repaint();
    else if (unpainted) this.painter?.extend(unpainted, this.source.size(), this.style());
  };

  private style() {
    return { color: this.color, width: this.source.penWidth(), view: this.source.view() };
  }
}
