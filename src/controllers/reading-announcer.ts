import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PredictionDetail, PredictionEvent } from '../events/prediction-event.js';
import { spokenText } from '../internal/symbols.js';
import type { Reading } from '../workers/protocol.js';

/**
 * A reading is announced once it has held this long, so screen readers hear results, not
 * frames.
 */
const SETTLE_MS = 700;

const REASONS: Readonly<Record<NonNullable<Reading['reason']>, string>> = {
  incomplete: 'no value yet',
  'division-by-zero': 'no value: division by zero',
  unreadable: 'no value: a symbol is unreadable',
  syntax: 'no value: not a valid expression',
};

/**
 * Words for a polite live region: each model's settled reading of the line and its value. It
 * follows the host's own `prediction` events and exposes `text`; the host renders it.
 */
export class ReadingAnnouncer implements ReactiveController {
  text = '';
  private timer = 0;
  private latest: PredictionDetail | null = null;
  private latestAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly enabled: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('prediction', this.onPrediction);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('prediction', this.onPrediction);
    clearTimeout(this.timer);
    this.timer = 0;
  }

  private readonly onPrediction = ({ target, detail }: PredictionEvent): void => {
    if (target !== this.host) return;
    this.latest = detail;
    this.latestAt = performance.now();
    // One timer for many predictions: re-arming one per prediction costs the pen's main thread.
    this.timer ||= window.setTimeout(this.announce, SETTLE_MS);
  };

  private readonly announce = (): void => {
    const held = performance.now() - this.latestAt;
    if (held < SETTLE_MS) {
      this.timer = window.setTimeout(this.announce, SETTLE_MS - held);
      return;
    }
    this.timer = 0;
    const detail = this.latest;
    const text = this.enabled() && detail && !detail.blank ? describe(detail.reading) : '';
    if (text === this.text) return;
    this.text = text;
    this.host.requestUpdate();
  };
}

function describe(readings: Readonly<Record<string, Reading>>): string {
  const entries = Object.entries(readings);
  const says = (reading: Reading) =>
    `${spokenText(reading.text)}, ${reading.value !== null ? `value ${reading.value}` : REASONS[reading.reason ?? 'unreadable']}`;
  const [first] = entries;
  if (!first) return '';
  const agree = entries.every(([, r]) => r.text === first[1].text && r.value === first[1].value);
  const who =
    entries.length === 1 ? 'Reads' : entries.length === 2 ? 'Both models read' : 'All models read';
  if (agree) return `${who} ${says(first[1])}`;
  return entries.map(([name, reading]) => `${name} reads ${says(reading)}`).join('. ');
}
