import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { DigitPad } from '../digit-pad/digit-pad.js';
import type { PredictionEvent, PredictionDetail } from '../../events/prediction-event.js';
import type { ReadyEvent } from '../../events/ready-event.js';
import { argmax } from '../../internal/argmax.js';
import { spokenSymbol } from '../../internal/symbols.js';
import { warnOnce } from '../../internal/warn-once.js';
import { styles } from './prob-chart.styles.js';

const DIGITS: readonly string[] = Array.from({ length: 10 }, (_, i) => String(i));
/** Below this top-1 probability the chart says the model is unsure instead of naming a class. */
export const CONFIDENT = 0.5;
/** A top-1 is announced once it has held this long, so screen readers hear results, not frames. */
const SETTLE_MS = 700;

/**
 * One bar per class of one model (the ten digits, or more for a model that reads operators),
 * for one glyph, with the top-1 highlighted.
 *
 * @summary Live probability bars for one model, wired to a `<digit-pad>` by id or fed directly.
 *
 * @csspart base - The figure that wraps the chart.
 * @csspart label - The caption with the model's label and its top-1.
 * @csspart bars - The list of bars.
 * @csspart row - One class's row; the top-1 row also has part `top`.
 * @csspart top - The top-1 row.
 * @csspart fill - The filled part of a bar.
 *
 * @cssprop [--prob-chart-bar-color] - Colour of ordinary bars.
 * @cssprop [--prob-chart-top-color=#3d6fd8] - Colour of the top-1 bar.
 * @cssprop [--prob-chart-track-color] - Colour of the empty track.
 * @cssprop [--prob-chart-bar-height=0.9rem] - Bar thickness.
 * @cssprop [--prob-chart-duration=160ms] - Bar transition (none under reduced motion).
 */
export class ProbChart extends LitElement {
  static override styles = styles;

  /** Id of the `<digit-pad>` to follow, in the same document or shadow root. */
  @property({ attribute: 'for' }) for = '';

  /** Name of the model to show, as in the pad's `models` attribute. Defaults to the first. */
  @property() model = '';

  /** Heading shown above the bars. Defaults to the model name. */
  @property() label = '';

  /**
   * Which glyph of the followed pad's line to show, as an index into `prediction.glyphs`; null
   * (the default) follows the glyph being written.
   */
  @property({ type: Number }) glyph: number | null = null;

  /**
   * One probability per class (at least ten), or null for none. Set it directly to use the
   * chart standalone; a followed pad sets it.
   */
  @property({ attribute: false }) probabilities: readonly number[] | null = null;

  /**
   * The class names, in the order of `probabilities`. A followed pad supplies its model's
   * classes; standalone, the default is the ten digits.
   */
  @property({ attribute: false }) classes: readonly string[] | null = null;

  @state() private announcement = '';
  /** Set when the pad says the input does not look like a digit at all (digit mode). */
  @state() private notADigit = false;
  /** Bars to show while there are no probabilities: the count the followed pad's mode reads. */
  @state() private expected = DIGITS.length;

  private root: Document | ShadowRoot | null = null;
  private settleTimer = 0;
  private latest: PredictionDetail | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.root = this.getRootNode() as Document | ShadowRoot;
    this.root.addEventListener('prediction', this.onPrediction);
    this.root.addEventListener('ready', this.onReady);
    this.pickUpLatest();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.root?.removeEventListener('prediction', this.onPrediction);
    this.root?.removeEventListener('ready', this.onReady);
    this.root = null;
    clearTimeout(this.settleTimer);
  }

  /**
   * Predictions can arrive several times per frame while the pen moves; the bars are redrawn at
   * most once per frame, with the latest values.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) await new Promise((resolve) => requestAnimationFrame(resolve));
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('glyph') || changed.has('model')) && this.latest) this.show(this.latest);
    if (changed.has('probabilities')) {
      this.probabilities = this.validated(this.probabilities);
      this.scheduleAnnouncement();
    }
    if (changed.has('for') && this.for) queueMicrotask(() => this.checkTarget());
  }

  override render(): TemplateResult {
    const probabilities = this.probabilities;
    const top = probabilities ? argmax(probabilities) : -1;
    const unsure = top >= 0 && (this.notADigit || probabilities![top] < CONFIDENT);
    const name = this.label || this.model || 'Model';
    const count = probabilities?.length ?? this.expected;
    const topLabel = this.classLabel(top);
    return html`
      <figure part="base">
        <figcaption part="label">
          <span class="name">${name}</span>
          <span class="top ${unsure ? 'uncertain' : ''}"
            >${
              top < 0
                ? nothing
                : this.notADigit
                  ? 'not a digit?'
                  : unsure
                    ? `unsure (${topLabel}?)`
                    : topLabel
            }</span
          >
        </figcaption>
        <div
          class="bars ${this.notADigit ? 'dimmed' : ''}"
          part="bars"
          role="group"
          aria-label="${name} probabilities"
        >
          ${Array.from({ length: count }, (_, i) =>
            this.renderRow(i, probabilities?.[i] ?? 0, i === top),
          )}
        </div>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </figure>
    `;
  }

  private renderRow(index: number, p: number, isTop: boolean) {
    const pct = `${(p * 100).toFixed(1)}%`;
    const label = this.classLabel(index);
    return html`
      <div
        class="row ${isTop ? 'top1' : ''}"
        part="row ${isTop ? 'top' : ''}"
        role="meter"
        aria-label=${/^[0-9]$/.test(label) ? `Digit ${label}` : `Symbol ${spokenSymbol(label)}`}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${(p * 100).toFixed(1)}
        aria-valuetext=${pct}
      >
        <span class="digit" aria-hidden="true">${label}</span>
        <div class="track" aria-hidden="true">
          <div class="fill" part="fill" style=${styleMap({ '--value': String(p) })}></div>
        </div>
        <span class="pct" aria-hidden="true">${pct}</span>
      </div>
    `;
  }

  private classLabel(index: number): string {
    return (this.classes ?? DIGITS)[index] ?? String(index);
  }

  private readonly onPrediction = (event: Event): void => {
    const target = event.target as Element | null;
    if (!this.for || target?.id !== this.for) return;
    this.show((event as PredictionEvent).detail);
  };

  private readonly onReady = (event: Event): void => {
    const target = event.target as Element | null;
    if (!this.for || target?.id !== this.for) return;
    this.useClasses((event as ReadyEvent).detail.classes);
  };

  private useClasses(classes: Readonly<Record<string, readonly string[]>>): void {
    const name = this.model || Object.keys(classes)[0];
    if (classes[name]) this.classes = classes[name];
    this.expected = this.expectedBars(this.target());
  }

  /** As many bars as the followed pad's mode reads, so results coming do not add rows. */
  private expectedBars(pad: DigitPad | null): number {
    const expression = pad?.readMode === 'expression';
    return expression ? (this.classes?.length ?? DIGITS.length) : DIGITS.length;
  }

  private show(detail: PredictionDetail): void {
    this.latest = detail;
    const pad = this.target();
    const lineMode = pad !== null && pad.readMode !== 'digit';
    this.expected = this.expectedBars(pad);
    // In a line, the reader judges each glyph by its size in the line; a "." or "-" is small.
    this.notADigit = !lineMode && detail.unusual !== null && !detail.blank;
    if (detail.blank) {
      this.probabilities = null;
      return;
    }
    const picked = this.glyph === null ? undefined : detail.glyphs[this.glyph];
    const results = picked?.results ?? detail.results;
    const name = this.model || Object.keys(results)[0];
    const result = results[name];
    if (!result) {
      warnOnce(this, 'model', `<prob-chart model="${this.model}">: the pad has no such model.`);
      this.probabilities = null;
      return;
    }
    this.probabilities = result.probabilities;
  }

  private target(): DigitPad | null {
    const pad = this.for ? this.root?.querySelector(`#${CSS.escape(this.for)}`) : null;
    return pad && 'readMode' in pad ? (pad as DigitPad) : null;
  }

  private pickUpLatest(): void {
    const pad = this.target();
    if (pad?.loaded) this.useClasses(pad.loaded.classes);
    if (pad?.prediction) this.show(pad.prediction);
  }

  private checkTarget(): void {
    if (this.root && !this.root.querySelector(`#${CSS.escape(this.for)}`)) {
      warnOnce(this, 'for', `<prob-chart for="${this.for}">: no element has that id (yet).`);
    }
  }

  private validated(values: readonly number[] | null): readonly number[] | null {
    if (values === null) return null;
    const ok =
      Array.isArray(values) &&
      values.length >= DIGITS.length &&
      values.every((v) => Number.isFinite(v) && v >= 0);
    if (ok) return values;
    warnOnce(
      this,
      'probabilities',
      '<prob-chart>: probabilities must be at least ten finite numbers ≥ 0.',
    );
    return null;
  }

  private scheduleAnnouncement(): void {
    clearTimeout(this.settleTimer);
    const probabilities = this.probabilities;
    this.settleTimer = window.setTimeout(() => {
      const name = this.label || this.model || 'Model';
      if (!probabilities) {
        this.announcement = '';
        return;
      }
      const top = argmax(probabilities);
      const said = spokenSymbol(this.classLabel(top));
      const pct = Math.round(probabilities[top] * 100);
      this.announcement = this.notADigit
        ? `${name}: this does not look like a digit`
        : probabilities[top] < CONFIDENT
          ? `${name}: unsure, maybe ${said} (${pct}%)`
          : `${name}: ${said} (${pct}%)`;
    }, SETTLE_MS);
  }
}
