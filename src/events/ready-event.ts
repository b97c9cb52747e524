import type { ReadyMessage } from '../workers/protocol.js';

/**
 * The loaded model set: `models` (names, in pipeline order), `threads` (WebAssembly threads in
 * use), `loadMs` (fetch, session creation and warm-up, in the worker) and `classes` (each
 * model's class list; the first ten are the digits).
 */
export type ReadyDetail = Omit<ReadyMessage, 'type' | 'generation'>;

/** Fired on `<digit-pad>` once all models are loaded and warmed up. */
export class ReadyEvent extends CustomEvent<ReadyDetail> {
  static readonly type = 'ready';
  constructor(detail: ReadyDetail) {
    super(ReadyEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    ready: ReadyEvent;
  }
}
