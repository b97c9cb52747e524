import { LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { type Precision, workerUrl } from '../../bundled-assets.js';
import { GlyphBoxesController } from '../../controllers/glyph-boxes.js';
import { ReadingAnnouncer } from '../../controllers/reading-announcer.js';
import type { PredictionDetail } from '../../events/prediction-event.js';
import type { ReadyDetail } from '../../events/ready-event.js';
import { ViewChangeEvent } from '../../events/view-change-event.js';
import type { RecordedStroke } from '../../ink/history.js';
import type { Ink } from '../../ink/ink.js';
import { WHOLE_PAD, type InkView } from '../../ink/view.js';
import { validNumber } from '../../internal/warn-once.js';
import type { PadMode } from '../../workers/protocol.js';
import { styles } from './digit-pad.styles.js';
import { InferenceClient } from '../../controllers/inference-client.js';
import { whenReady, whenSettled } from '../../controllers/inference-waits.js';
import {
  DEFAULT_MAX_MODEL_BYTES,
  DEFAULT_PRECISION,
  DEFAULT_TIMEOUT_MS,
  loadOptions,
  MODEL_ATTRIBUTES,
} from './load-options.js';
import { validMode } from './modes.js';
import { PadInk } from './pad-ink.js';
import { PadKeyboard } from './pad-keyboard.js';
import { padTemplate, statusMessage, type PadState } from './pad-template.js';

const DEFAULT_LABEL = 'Handwriting pad';
const DEFAULT_STROKE_WIDTH = 4;

/**
 * A handwriting pad that reads what is written on it, live: one digit, a number, or a line of
 * arithmetic. Ink is kept as strokes and sent as snapshots to a Web Worker that runs every
 * configured ONNX model on it.
 *
 * @summary Write with mouse, touch or pen; get each model's reading as you write.
 *
 * @fires prediction - `PredictionEvent`, once per processed snapshot. Bubbles and is composed.
 * @fires ready - `ReadyEvent`, once all models are loaded and warmed up.
 * @fires error - `PadErrorEvent` (an `ErrorEvent` with `detail: {code, message, model?}`). Does not bubble.
 * @fires view-change - `ViewChangeEvent` (`detail: {view}`), when the part of the ink in view changes. Bubbles and is composed.
 *
 * @slot undo-button - Replaces the Undo button. Clicking what you slot undoes.
 * @slot clear-button - Replaces the Clear button. Clicking what you slot clears.
 *
 * @csspart surface - The focusable drawing surface.
 * @csspart canvas - The canvas the ink is painted on.
 * @csspart status - The loading / error message over the surface.
 * @csspart glyph-boxes - The layer of glyph boxes over the ink (line modes).
 * @csspart glyph-box - One glyph's box; the emphasised one also has part `glyph-box-emphasised`.
 * @csspart glyph-box-emphasised - The box of the selected glyph, or of the glyph being written.
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
 * @cssprop [--digit-pad-aspect-ratio=1 (digit), 3 (number, expression)] - Width / height of the surface.
 * @cssprop [--digit-pad-box-color=…] - Colour of glyph boxes (30% ink).
 * @cssprop [--digit-pad-box-emphasis-color=Highlight] - Colour of the emphasised glyph box.
 */
export class DigitPad extends LitElement {
  static override styles = styles;

  /**
   * What the pad reads: `digit` (the whole ink is one digit; the default), `number` (a line of
   * digits) or `expression` (digits and `+ - * / = ( ) .`, evaluated). Reflected, for styling.
   */
  @property({ reflect: true }) mode: PadMode = 'digit';

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

  /** Accessible name of the drawing surface. Removing the attribute restores the default. */
  @property({ converter: { fromAttribute: (value: string | null) => value ?? DEFAULT_LABEL } })
  label = DEFAULT_LABEL;

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
   * Index (into `prediction.glyphs`) of a glyph to draw emphasised, e.g. one the user picked to
   * inspect; null emphasises the glyph being written. Line modes only.
   */
  @property({ type: Number, attribute: false }) selectedGlyph: number | null = null;

  /**
   * Where the inference worker script lives. By default it is resolved next to this module;
   * set this before the first pad connects to host the worker elsewhere (e.g. under a CSP).
   */
  static workerUrl: URL | null = null;

  @query('.surface') private surface?: HTMLElement;
  @query('canvas') private canvas?: HTMLCanvasElement;

  private readonly pad = new PadInk(this, {
    surface: () => this.surface,
    canvas: () => this.canvas,
    penWidth: () => this.penWidth,
    readsLine: () => this.readMode !== 'digit',
    changed: (change) => {
      if (change === 'start') this.keyboard.forget();
      this.inference.schedule();
    },
  });
  private readonly recorder = this.pad.recorder;
  private readonly viewer = this.pad.viewer;
  /** The view last announced with `view-change`. */
  private shown: InkView = WHOLE_PAD;

  private readonly inference = new InferenceClient(
    this,
    () => DigitPad.workerUrl ?? workerUrl(),
    () => ({ ink: this.recorder.packed(), source: this.recorder.source, mode: this.readMode }),
    () => this.pad.sizer.size.width > 0 && this.pad.sizer.size.height > 0,
  );

  private readonly keyboard = new PadKeyboard(this, {
    recorder: this.recorder,
    mode: () => this.readMode,
    size: () => this.pad.sizer.size,
    viewKey: (event) => this.viewer.handleKey(event),
  });

  private readonly boxes = new GlyphBoxesController(this);
  private readonly announcer = new ReadingAnnouncer(this, () => this.readMode !== 'digit');

  /** The ink as strokes in pad-normalised units (origin at the centre, 1 = shorter side). */
  get ink(): Ink {
    return this.recorder.ink;
  }

  /**
   * The ink's strokes with their stable ids and start and end times (ms; synthetic for typed
   * glyphs), in writing order: `prediction.glyphs[i].strokes` indexes into this.
   */
  get strokes(): readonly RecordedStroke[] {
    return this.recorder.strokes;
  }

  /** The latest prediction delivered, or null before the first one. */
  get prediction(): PredictionDetail | null {
    return this.inference.prediction;
  }

  /**
   * The part of the ink in view: a pad-unit point p shows at ((p.x - x) * scale, (p.y - y) *
   * scale) pad units from the pad's centre. The whole pad unless a long line made it zoom out
   * or move along.
   */
  get view(): InkView {
    return this.viewer.view;
  }

  /** The loaded models, their classes and threads, or null until they are ready. */
  get loaded(): ReadyDetail | null {
    return this.inference.loaded;
  }

  /** The mode in effect: `mode` if it is valid, else `digit`. */
  get readMode(): PadMode {
    return validMode(this, this.mode);
  }

  /**
   * Resolves once the current models are loaded and warmed up; rejects if loading fails.
   * "Current" includes a change made just before the call, e.g. `pad.models = …`.
   */
  whenReady(): Promise<void> {
    return whenReady(this, this.inference);
  }

  /**
   * Resolves with the prediction for the ink as it is now, once the worker has caught up;
   * null when the latest snapshot failed. Rejects if the models fail to load.
   */
  whenSettled(): Promise<PredictionDetail | null> {
    return whenSettled(this, this.inference);
  }

  /** The ink's width in pad units (1 = the pad's shorter side). */
  private get penWidth(): number {
    return (
      validNumber(this, 'stroke-width', this.strokeWidth, DEFAULT_STROKE_WIDTH, [0.5, 25]) / 100
    );
  }

  /** Clears the ink, as one undoable step. */
  clear(): void {
    this.recorder.clear();
  }

  /** Takes back the last stroke, typed glyph or clear. */
  undo(): void {
    this.recorder.undo();
  }

  /** Puts back what `undo()` took back, until something new is written. */
  redo(): void {
    this.recorder.redo();
  }

  /** Replaces the ink with a drawing of `digit`, as typing that digit key does in digit mode. */
  enterDigit(digit: number): void {
    this.keyboard.enterDigit(digit);
  }

  /**
   * Enters `text` as typing it on the focused pad does: in digit mode a digit replaces the ink;
   * in the line modes each symbol is drawn after the ink, one undo step per symbol. Characters the
   * mode cannot read are skipped. Returns how many were entered.
   */
  enterText(text: string): number {
    let entered = 0;
    for (const key of text) if (this.keyboard.type(key)) entered++;
    return entered;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (MODEL_ATTRIBUTES.some((key) => changed.has(key))) this.loadModels();
    // The same ink, read the new way.
    if (changed.has('mode') && this.hasUpdated) this.inference.schedule();
  }

  protected override firstUpdated(): void {
    // A click on the default button or on whatever is slotted in its place passes its slot.
    for (const slot of this.renderRoot.querySelectorAll<HTMLSlotElement>('slot[data-action]')) {
      const action = slot.dataset.action === 'undo' ? () => this.undo() : () => this.clear();
      slot.addEventListener('click', action);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A pad that was hidden may hold ink that was never predicted; unchanged ink is not resent.
    if (this.pad.resized()) this.inference.resume();
    if (changed.has('strokeWidth')) this.pad.painting.repaint();
    const view = this.viewer.view;
    if (view !== this.shown) {
      this.shown = view;
      this.dispatchEvent(new ViewChangeEvent({ view }));
    }
  }

  override render(): TemplateResult {
    const { status, error } = this.inference;
    const mode = this.readMode;
    const state: PadState = {
      label: this.label,
      mode,
      status,
      message: statusMessage(status, error, this.keyboard.status),
      hidden: this.viewer.hidden,
      boxes:
        mode === 'digit'
          ? nothing
          : this.boxes.render(this.selectedGlyph, this.penWidth, this.viewer.view),
      announcement: this.announcer.text,
      canUndo: this.recorder.canUndo,
      empty: this.recorder.empty,
    };
    return padTemplate(state, {
      recorder: this.recorder,
      keyDown: this.keyboard.handleKeyDown,
      wheel: this.viewer.handleWheel,
    });
  }

  private loadModels(): void {
    const options = loadOptions(this, this);
    if ('error' in options) {
      this.inference.unload(options.error);
      return;
    }
    this.inference.load(options);
    this.inference.schedule();
  }
}
