import type { ReactiveControllerHost } from 'lit';
import { CanvasSizeController, type CanvasSize } from '../../controllers/canvas-size.js';
import { InkPaintingController } from '../../controllers/ink-painting.js';
import { InkRecorder, type InkChange } from '../../controllers/ink-recorder.js';
import { InkViewTracker } from '../../controllers/ink-view.js';
import { TouchPanController } from '../../controllers/touch-pan.js';
import type { Stroke } from '../../ink/ink.js';

export interface PadInkOptions {
  /** The focusable surface that takes the pointer events. */
  readonly surface: () => HTMLElement | undefined;
  /** The canvas the ink is painted on, inside the surface's border. */
  readonly canvas: () => HTMLCanvasElement | undefined;
  /** The ink's width in pad units. */
  readonly penWidth: () => number;
  /** Whether the pad reads a line: the view then follows the pen, and two fingers move it. */
  readonly readsLine: () => boolean;
  /** Hears every change of the ink, at pen rate, once it is painted. */
  readonly changed: (change: InkChange) => void;
}

/**
 * The pad's ink: its strokes as recorded, the canvas's size, the part of the line in view and
 * the painting, wired so that a pen report is painted at the next frame and the host hears of it
 * without a render.
 */
export class PadInk {
  readonly recorder: InkRecorder;
  readonly sizer: CanvasSizeController;
  readonly viewer: InkViewTracker;
  readonly painting: InkPaintingController;
  private measured: CanvasSize;
  private readonly changed: (change: InkChange) => void;

  constructor(host: ReactiveControllerHost, options: PadInkOptions) {
    const { canvas, penWidth } = options;
    this.recorder = new InkRecorder(host, {
      surface: options.surface,
      area: canvas,
      onChange: (change, stroke) => this.inkChanged(change, stroke),
      view: () => this.viewer.view,
    });
    this.sizer = new CanvasSizeController(host, canvas);
    this.measured = this.sizer.size;
    const size = () => this.sizer.size;
    const ink = () => this.recorder.ink;
    this.viewer = new InkViewTracker(
      host,
      {
        ink,
        drawing: () => this.recorder.drawing,
        size,
        penWidth,
        // A typed line's glyphs have a fixed size, so it zooms out instead.
        followsLine: () => options.readsLine() && this.recorder.source === 'ink',
      },
      () => {
        this.painting.repaint();
        host.requestUpdate();
      },
    );
    this.painting = new InkPaintingController(host, {
      canvas,
      size,
      ink,
      penWidth,
      view: () => this.viewer.view,
    });
    // Two fingers move along a long line; one writes. It registers itself with the host.
    new TouchPanController(host, {
      surface: options.surface,
      enabled: options.readsLine,
      cancelStroke: () => this.recorder.cancel(),
      pan: (by) => this.viewer.panPixels(by),
    });
    this.changed = options.changed;
  }

  /**
   * After the host's update: whether the canvas changed size since the last call. The ink is
   * then measured anew in pad units.
   */
  resized(): boolean {
    if (this.sizer.size === this.measured) return false;
    this.measured = this.sizer.size;
    this.recorder.remeasure();
    return true;
  }

  /** Runs on every pen report while drawing, so it only records what changed. */
  private inkChanged(change: InkChange, stroke: Stroke | null): void {
    if (change === 'start') this.sizer.measure();
    // A stroke that ended past the pad's edge zooms the view out: everything is painted anew.
    if (change === 'end') {
      const painted = this.viewer.last;
      if (this.viewer.view !== painted) change = 'replace';
    }
    this.painting.inkChanged(change, stroke);
    this.changed(change);
  }
}
