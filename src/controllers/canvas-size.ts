import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface CanvasSize {
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/**
 * Keeps a canvas's backing store equal to its CSS size times devicePixelRatio, so strokes stay
 * crisp and correctly sized on high-density screens and under zoom. `size` is replaced (a new
 * object) on every change, and the host is asked to update; resizing the backing store clears
 * the canvas, so whoever paints it repaints when `size` is a new object.
 */
export class CanvasSizeController implements ReactiveController {
  size: CanvasSize = { width: 0, height: 0, dpr: 1 };
  private observer: ResizeObserver | null = null;
  private dprQuery: MediaQueryList | null = null;
  private observed: HTMLCanvasElement | null = null;
  /** The observer's latest device-pixel box: exact, while the CSS size and ratio still fit it. */
  private devicePixels: ResizeObserverSize | null = null;
  private inUpdate = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly canvas: () => HTMLCanvasElement | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(([entry]) =>
      this.measure(entry?.devicePixelContentBoxSize?.[0]),
    );
    this.watchDpr();
  }

  hostUpdated(): void {
    const canvas = this.canvas();
    if (canvas && canvas !== this.observed) {
      this.observed = canvas;
      // The device-pixel box also reports zoom and devicePixelRatio changes, exactly.
      try {
        this.observer?.observe(canvas, { box: 'device-pixel-content-box' });
      } catch {
        this.observer?.observe(canvas);
      }
      this.measureInUpdate();
    }
  }

  /**
   * Measures during the host's update: controllers added after this one and the host's
   * `updated()` see the new size in this same update, so no second update is asked for.
   */
  private measureInUpdate(): void {
    this.inUpdate = true;
    try {
      this.measure();
    } finally {
      this.inUpdate = false;
    }
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed = null;
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.dprQuery = null;
  }

  private readonly onDprChange = (): void => {
    this.watchDpr();
    this.measure();
  };

  // A resolution query matches only the current ratio, so it is re-armed after each change.
  private watchDpr(): void {
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.dprQuery = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
    this.dprQuery.addEventListener('change', this.onDprChange);
  }

  /**
   * Re-measures now. Emulated devicePixelRatio changes (DevTools, headless Chromium) fire neither
   * the resize observer nor the media query, so the pad also checks when a stroke starts.
   */
  measure(devicePixels?: ResizeObserverSize): void {
    const canvas = this.canvas();
    if (!canvas) return;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const dpr = devicePixelRatio || 1;
    // A box taken at another ratio (a full-page capture renders at ×1) is no guide to this one.
    if (devicePixels && fits(devicePixels, width, height, dpr)) this.devicePixels = devicePixels;
    const box =
      this.devicePixels && fits(this.devicePixels, width, height, dpr) ? this.devicePixels : null;
    const backingWidth = Math.max(1, box?.inlineSize ?? Math.round(width * dpr));
    const backingHeight = Math.max(1, box?.blockSize ?? Math.round(height * dpr));
    const { size } = this;
    // The backing store itself is checked too: a capture can resize it and change nothing else.
    const same = width === size.width && height === size.height && dpr === size.dpr;
    if (same && canvas.width === backingWidth && canvas.height === backingHeight) return;
    this.size = { width, height, dpr };
    canvas.width = backingWidth;
    canvas.height = backingHeight;
    if (!this.inUpdate) this.host.requestUpdate();
  }
}

/** Whether a device-pixel box belongs to this CSS size and ratio (`clientWidth` is rounded). */
function fits(box: ResizeObserverSize, width: number, height: number, dpr: number): boolean {
  const slack = dpr + 1;
  return (
    Math.abs(box.inlineSize - width * dpr) <= slack &&
    Math.abs(box.blockSize - height * dpr) <= slack
  );
}
