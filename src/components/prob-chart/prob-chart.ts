import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { DigitPad } from '../digit-pad/digit-pad.js';
import type { PredictionEvent, PredictionDetail } from '../../events/prediction-event.js';
import { argmax } from '../../internal/argmax.js';
import { warnOnce } from '../../internal/warn-once.js';
import { styles } from './prob-chart.styles.js';

const DIGITS = Array.from({ length: 10 }, (_, i) => i);
/** Below this top-1 probability the chart says the model is unsure instead of naming a digit. */
export const CONFIDENT = 0.5;
/** A top-1 is announced once it has held this long, so screen readers hear results, not frames. */
const SETTLE_MS = 700;

/**
 * Ten bars showing one model's probabilities for the digits 0–9, with the top-1 highlighted.
 *
 * @summary Live probability bars for one model, wired to a `<digit-pad>` by id or fed directly.
 *
 * @csspart base - The figure that wraps the chart.
 * @csspart label - The caption with the model's label and its top-1.
 * @csspart bars - The list of bars.
 * @csspart row - One digit's row; the top-1 row also has part `top`.
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

  /** Ten probabilities, or null for none. Set it directly to use the chart standalone. */
  @property({ attribute: false }) probabilities: readonly number[] | null = null;

  @state() private announcement = '';
  /** Set when the pad says the input does not look like a digit at all. */
  @state() private notADigit = false;

  private root: Document | ShadowRoot | null = null;
  private settleTimer = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.root = this.getRootNode() as Document | ShadowRoot;
    this.root.addEventListener('prediction', this.onPrediction);
    this.pickUpLatest();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.root?.removeEventListener('prediction', this.onPrediction);
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
    return html`
      <figure part="base">
        <figcaption part="label">
          <span>${name}</span>
          ${
            top >= 0
              ? html`<span class="top ${unsure ? 'uncertain' : ''}"
                  >${this.notADigit ? 'not a digit?' : unsure ? `unsure (${top}?)` : top}</span
                >`
              : nothing
          }
        </figcaption>
        <div
          class="bars ${this.notADigit ? 'dimmed' : ''}"
          part="bars"
          role="group"
          aria-label="${name} probabilities"
        >
          ${DIGITS.map((digit) => this.renderRow(digit, probabilities?.[digit] ?? 0, digit === top))}
        </div>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </figure>
    `;
  }

  private renderRow(digit: number, p: number, isTop: boolean) {
    const pct = `${(p * 100).toFixed(1)}%`;
    return html`
      <div
        class="row ${isTop ? 'top1' : ''}"
        part="row ${isTop ? 'top' : ''}"
        role="meter"
        aria-label="Digit ${digit}"
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${(p * 100).toFixed(1)}
        aria-valuetext=${pct}
      >
        <span class="digit" aria-hidden="true">${digit}</span>
        <div class="track" aria-hidden="true">
          <div class="fill" part="fill" style=${styleMap({ '--value': String(p) })}></div>
        </div>
        <span class="pct" aria-hidden="true">${pct}</span>
      </div>
    `;
  }

  private readonly onPrediction = (event: Event): void => {
    const target = event.target as Element | null;
    if (!this.for || target?.id !== this.for) return;
    this.show((event as PredictionEvent).detail);
  };

  private show(detail: PredictionDetail): void {
    this.notADigit = detail.unusual !== null;
    if (detail.blank) {
      this.probabilities = null;
      return;
    }
    const name = this.model || Object.keys(detail.results)[0];
    const result = detail.results[name];
    if (!result) {
      warnOnce(this, 'model', `<prob-chart model="${this.model}">: the pad has no such model.`);
      this.probabilities = null;
      return;
    }
    this.probabilities = result.probabilities;
  }

  private pickUpLatest(): void {
    const pad = this.for ? this.root?.querySelector<DigitPad>(`#${CSS.escape(this.for)}`) : null;
    const latest = pad && 'prediction' in pad ? pad.prediction : null;
    if (latest) this.show(latest);
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
      values.length === 10 &&
      values.every((v) => Number.isFinite(v) && v >= 0);
    if (ok) return values;
    warnOnce(this, 'probabilities', '<prob-chart>: probabilities must be ten finite numbers ≥ 0.');
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
      const pct = Math.round(probabilities[top] * 100);
      this.announcement = this.notADigit
        ? `${name}: this does not look like a digit`
        : probabilities[top] < CONFIDENT
          ? `${name}: unsure, maybe ${top} (${pct}%)`
          : `${name}: ${top} (${pct}%)`;
    }, SETTLE_MS);
  }
}
