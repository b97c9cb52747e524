import { html, LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { bundledModels, PRECISIONS, type Precision, workerUrl } from '../../bundled-assets.js';
import { PadErrorEvent } from '../../events/pad-error-event.js';
import { PredictionEvent, type PredictionDetail } from '../../events/prediction-event.js';
import { ReadyEvent } from '../../events/ready-event.js';
import { digitGlyph } from '../../ink/glyphs.js';
import { packInk, type Ink, type Stroke } from '../../ink/ink.js';
import { validNumber, warnOnce } from '../../internal/warn-once.js';
import type { PadErrorInfo } from '../../workers/protocol.js';
import { CanvasSizeController } from './canvas-size.js';
import { styles } from './digit-pad.styles.js';
import { InferenceClient } from './inference-client.js';
import { InkPainter, type InkStyle } from './ink-painter.js';
import { InkRecorder, type InkChange } from './ink-recorder.js';
import { parseIntegrity, parseModels } from './model-list.js';

type Status = 'loading' | 'ready' | 'error';

const DEFAULT_STROKE_WIDTH = 4;
const DEFAULT_MAX_MODEL_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * int8: a quarter of fp32's download (0.9 MB against 4.0 MB in brotli), as accurate on real pen
 * digits, and a fraction of a millisecond slower per snapshot; the figures are in the README.
 */
const DEFAULT_PRECISION: Precision = 'int8';

/**
 * A handwriting pad that recognises the digit being written, live. Ink is kept as strokes and
 * sent as snapshots to a Web Worker that runs every configured ONNX model on it.
 *
 * @summary Draw a digit with mouse, touch or pen; get each model's probabilities as you write.
 *
 * @fires prediction - `PredictionEvent`, once per processed snapshot. Bubbles and is composed.
 * @fires ready - `ReadyEvent`, once all models are loaded and warmed up.
 * @fires error - `PadErrorEvent` (an `ErrorEvent` with `detail: {code, message, model?}`). Does not bubble.
 *
 * @slot undo-button - Replaces the Undo button. Clicking what you slot undoes.
 * @slot clear-button - Replaces the Clear button. Clicking what you slot clears.
 *
 * @csspart surface - The focusable drawing surface.
 * @csspart canvas - The canvas the ink is painted on.
 * @csspart status - The loading / error message over the surface.
 * @csspart toolbar - The row of buttons.
 * @csspart undo-button - The default Undo button.
 * @csspart clear-button - The default Clear button.
 *
 * @cssprop [--digit-pad-ink=CanvasText] - Ink colour.
 * @cssprop [--digit-pad-background=Canvas] - Surface colour.
 * @cssprop [--digit-pad-border=1px solid …] - Surface border.
 * @cssprop [--digit-pad-radius=12px] - Surface corner radius.
 * @cssprop [--digit-pad-focus-ring=3px solid Highlight] - Focus outline of the surface and buttons.
 * @cssprop [--digit-pad-error=#b3261e] - Colour of error messages.
 */
export class DigitPad extends LitElement {
  static override styles = styles;

  /**
   * Space-separated `name=url` pairs, run in that order. URLs resolve against the page.
   * Without it, the bundled MLP and CNN load from beside the library.
   */
  @property() models: string | null = null;

  /**
   * Weights of the bundled models: `int8` (the default, a quarter of the download) or `fp32`.
   * Ignored when `models` is set.
   */
  @property() precision: Precision = DEFAULT_PRECISION;

  /** Pen width as a percentage of the pad's shorter side (0.5–25). */
  @property({ type: Number, attribute: 'stroke-width' }) strokeWidth = DEFAULT_STROKE_WIDTH;

  /** WebAssembly threads for inference (1–16). More than 1 needs a cross-origin-isolated page. */
  @property({ type: Number }) threads = 1;

  /** Accessible name of the drawing surface. */
  @property() label = 'Handwriting pad';

  /** Model downloads larger than this many bytes are aborted (`model-too-large`). */
  @property({ type: Number, attribute: 'max-model-bytes' }) maxModelBytes = DEFAULT_MAX_MODEL_BYTES;

  /**
   * Space-separated `name=hash` pairs: each named model must have this SHA-256, given as SRI
   * (`sha256-<base64>`) or 64 hex digits, or it is refused (`model-integrity`).
   */
  @property() integrity: string | null = null;

  /** Milliseconds a prediction may take before the worker is considered dead and restarted. */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT_MS;

  /**
   * Where the inference worker script lives. By default it is resolved next to this module;
   * set this before the first pad connects to host the worker elsewhere (e.g. under a CSP).
   */
  static workerUrl: URL | null = null;

  @state() private status: Status = 'loading';
  @state() private message = '';
  @state() private canUndo = false;

  @query('.surface') private surface?: HTMLElement;
  @query('canvas') private canvas?: HTMLCanvasElement;

  private painter: InkPainter | null = null;
  private inkColor = 'CanvasText';
  private lastPrediction: PredictionDetail | null = null;
  private waiters: { resolve(): void; reject(error: Error): void }[] = [];
  /** Ink waiting to be painted at the next frame: one stroke's new segments, or everything. */
  private unpainted: Stroke | 'all' | null = null;
  private paintFrame = 0;

  private readonly recorder = new InkRecorder(
    this,
    () => this.surface,
    (change, stroke) => this.onInkChange(change, stroke),
  );

  private readonly sizer = new CanvasSizeController(
    this,
    () => this.canvas,
    () => {
      this.recorder.remeasure();
      this.repaint();
      // A pad that was hidden may hold ink that was never predicted; unchanged ink is not resent.
      this.inference.resume();
    },
  );

  private readonly inference = new InferenceClient(this, () => DigitPad.workerUrl ?? workerUrl(), {
    snapshot: () => ({ ink: packInk(this.recorder.ink), source: this.recorder.source }),
    visible: () => this.sizer.size.width > 0 && this.sizer.size.height > 0,
    onLoading: () => this.setStatus('loading', 'Loading models…'),
    onReady: (detail) => {
      this.setStatus('ready', '');
      this.settleWaiters(null);
      this.dispatchEvent(new ReadyEvent(detail));
    },
    onResult: (detail) => {
      if (this.status === 'error') this.setStatus('ready', '');
      this.lastPrediction = detail;
      this.dispatchEvent(new PredictionEvent(detail));
    },
    onError: (error) => this.onError(error),
  });

  /** The ink as strokes in pad-normalised units (origin at the centre, 1 = shorter side). */
  get ink(): Ink {
    return this.recorder.ink;
  }

  /** The latest prediction delivered, or null before the first one. */
  get prediction(): PredictionDetail | null {
    return this.lastPrediction;
  }

  /**
   * Resolves once the current models are loaded and warmed up; rejects if loading fails.
   * "Current" includes a change made just before the call, e.g. `pad.models = …`.
   */
  async whenReady(): Promise<void> {
    await this.updateComplete;
    if (this.status === 'ready') return;
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Resolves with the prediction for the ink as it is now, once the worker has caught up;
   * null when the latest snapshot failed. Rejects if the models fail to load.
   */
  async whenSettled(): Promise<PredictionDetail | null> {
    await this.whenReady();
    while (!this.inference.idle) {
      // Whichever event comes first removes both listeners, so none pile up over a session.
      const done = new AbortController();
      await new Promise((resolve) => {
        this.addEventListener('prediction', resolve, { signal: done.signal });
        this.addEventListener('error', resolve, { signal: done.signal });
      });
      done.abort();
      if (this.status === 'error') return null;
    }
    return this.lastPrediction;
  }

  clear(): void {
    this.recorder.clear();
  }

  undo(): void {
    this.recorder.undo();
  }

  /** Replaces the ink with a drawing of `digit`, as typing that digit key does. */
  enterDigit(digit: number): void {
    this.recorder.commit(digitGlyph(digit), 'keyboard');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.unpainted) this.paintFrame ||= requestAnimationFrame(this.paint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.paintFrame);
    this.paintFrame = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const config = [
      'models',
      'precision',
      'threads',
      'integrity',
      'maxModelBytes',
      'timeout',
    ] as const;
    if (config.some((key) => changed.has(key))) this.loadModels();
  }

  protected override firstUpdated(): void {
    this.painter = new InkPainter(this.canvas!);
    // A click on the default button or on whatever is slotted in its place passes its slot.
    for (const slot of this.renderRoot.querySelectorAll<HTMLSlotElement>('slot[data-action]')) {
      const action = slot.dataset.action === 'undo' ? () => this.undo() : () => this.clear();
      slot.addEventListener('click', action);
    }
  }

  override render() {
    const error = this.status === 'error';
    return html`
      <div
        class="surface"
        part="surface"
        tabindex="0"
        role="application"
        aria-roledescription="handwriting pad"
        aria-label=${this.label}
        aria-describedby="help"
        aria-busy=${this.status === 'loading' ? 'true' : 'false'}
        @pointerdown=${this.recorder.handleDown}
        @pointerrawupdate=${this.recorder.handleRawUpdate}
        @pointermove=${this.recorder.handleMove}
        @pointerup=${this.recorder.handleUp}
        @pointercancel=${this.recorder.handleCancel}
        @lostpointercapture=${this.recorder.handleUp}
        @keydown=${this.onKeyDown}
      >
        <canvas part="canvas" aria-hidden="true"></canvas>
        <div part="status" class="status ${error ? 'error' : ''}" role="status">
          ${this.message}
        </div>
      </div>
      <p id="help" class="visually-hidden">
        Draw a digit with a mouse, finger or pen, or type a digit key. Escape clears. Control+Z
        undoes.
      </p>
      <div class="toolbar" part="toolbar">
        <slot name="undo-button" data-action="undo">
          <button part="undo-button" type="button" ?disabled=${!this.canUndo}>Undo</button>
        </slot>
        <slot name="clear-button" data-action="clear">
          <button part="clear-button" type="button">Clear</button>
        </slot>
      </div>
    `;
  }

  private loadModels(): void {
    this.lastPrediction = null;
    const configured = this.models?.trim() ? parseModels(this.models, document.baseURI) : null;
    for (const problem of configured?.problems ?? []) {
      warnOnce(this, `models ${problem}`, `<digit-pad models>: ${problem}; ignored.`);
    }
    if (configured && configured.models.length === 0) {
      // Loading other models than the ones asked for would give answers nobody asked for.
      this.inference.unload();
      this.onError({
        code: 'config',
        message: `models="${this.models}" names no usable model: ${configured.problems.join('; ')}`,
      });
      return;
    }
    const integrity = parseIntegrity(this.integrity ?? '');
    const models = (configured?.models ?? bundledModels(this.validPrecision())).map((m) =>
      integrity.has(m.name) ? { ...m, integrity: integrity.get(m.name) } : m,
    );
    this.inference.load({
      models,
      threads: validNumber(this, 'threads', this.threads, 1, [1, 16]),
      maxModelBytes: validNumber(
        this,
        'max-model-bytes',
        this.maxModelBytes,
        DEFAULT_MAX_MODEL_BYTES,
        [1, 2 ** 31],
      ),
      timeoutMs: validNumber(this, 'timeout', this.timeout, DEFAULT_TIMEOUT_MS, [100, 600_000]),
    });
    this.inference.schedule();
  }

  private validPrecision(): Precision {
    if (this.precision == null) return DEFAULT_PRECISION;
    if (PRECISIONS.includes(this.precision)) return this.precision;
    warnOnce(
      this,
      'precision',
      `precision="${this.precision}" is invalid (expected ${PRECISIONS.join(' or ')}); using ${DEFAULT_PRECISION}.`,
    );
    return DEFAULT_PRECISION;
  }

  /**
   * Runs on every pen report while drawing, so it only records what changed: painting waits for
   * the next frame, and the snapshot goes to the worker at once if the worker is free.
   */
  private onInkChange(change: InkChange, stroke: Stroke | null): void {
    if (change === 'start') this.sizer.measure();
    if (change !== 'extend') {
      this.canUndo = this.recorder.canUndo;
      if (this.status === 'ready' && this.recorder.source === 'ink') this.message = '';
    }
    if (change === 'replace') {
      // Undo, clear, typed digits and revised strokes are rare, and expected to show at once.
      this.unpainted = null;
      this.repaint();
    } else {
      // Two different strokes within one frame are simply painted afresh.
      const same = this.unpainted === null || this.unpainted === stroke;
      this.unpainted = stroke && same ? stroke : 'all';
      this.paintFrame ||= requestAnimationFrame(this.paint);
    }
    this.inference.schedule();
  }

  private readonly paint = (): void => {
    this.paintFrame = 0;
    const unpainted = this.unpainted;
    this.unpainted = null;
    if (unpainted === 'all') this.repaint();
    else if (unpainted) this.painter?.extend(unpainted, this.sizer.size, this.inkStyle());
  };

  private repaint(): void {
    if (!this.painter || !this.canvas) return;
    this.inkColor = getComputedStyle(this.canvas).color || this.inkColor;
    this.painter.repaint(this.recorder.ink, this.sizer.size, this.inkStyle());
  }

  private inkStyle(): InkStyle {
    const percent = validNumber(
      this,
      'stroke-width',
      this.strokeWidth,
      DEFAULT_STROKE_WIDTH,
      [0.5, 25],
    );
    return { color: this.inkColor, width: percent / 100 };
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const command = event.ctrlKey || event.metaKey;
    if (event.key === 'Escape' && this.recorder.ink.length > 0) {
      this.clear();
    } else if (command && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z') {
      this.undo();
    } else if (/^[0-9]$/.test(event.key) && !command && !event.altKey) {
      this.enterDigit(Number(event.key));
      this.message = `Typed ${event.key}`;
    } else {
      return;
    }
    event.preventDefault();
  };

  private setStatus(status: Status, message: string): void {
    this.status = status;
    this.message = message;
  }

  private onError(error: PadErrorInfo): void {
    this.setStatus('error', error.message);
    this.settleWaiters(new Error(error.message));
    this.dispatchEvent(new PadErrorEvent(error));
  }

  private settleWaiters(error: Error | null): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }
}
