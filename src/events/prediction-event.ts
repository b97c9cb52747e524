import type { InputSource, ModelResult, Timings, Unusual } from '../workers/protocol.js';

export interface PredictionDetail {
  /** Increases with every snapshot sent; gaps are snapshots superseded before they ran. */
  readonly seq: number;
  /** True when the pad holds no ink; no model ran. */
  readonly blank: boolean;
  /** `'keyboard'` when the ink is a digit the user typed rather than drew. */
  readonly source: InputSource;
  /** The 28×28 model input, row-major, ink = 1. */
  readonly input: Float32Array;
  /**
   * `'too-little-ink'` or `'too-much-ink'` when the input is far outside what MNIST digits look
   * like (a dot, a filled shape, a dense scribble): treat any label as unreliable. Else null.
   */
  readonly unusual: Unusual | null;
  /** Keyed by model name. Empty when `blank`. */
  readonly results: Readonly<Record<string, ModelResult>>;
  readonly timings: Timings;
}

/** Fired on `<digit-pad>` once per processed snapshot. */
export class PredictionEvent extends CustomEvent<PredictionDetail> {
  static readonly type = 'prediction';
  constructor(detail: PredictionDetail) {
    super(PredictionEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    prediction: PredictionEvent;
  }
}
