import type { ResultMessage } from '../workers/protocol.js';

/**
 * What a pad knows about its ink after the worker has read it: the worker's result message
 * without its routing fields. See `ResultMessage` in `src/workers/protocol.ts` for each field:
 * `seq`, `blank`, `source`, `input`, `unusual`, `results`, `timings`, `glyphs`, `reading`.
 */
export type PredictionDetail = Omit<ResultMessage, 'type' | 'generation'>;

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
