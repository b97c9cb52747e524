export interface ReadyDetail {
  /** Names of the loaded models, in pipeline order. */
  readonly models: readonly string[];
  /** WebAssembly threads in use: 1 unless `threads` asks for more on an isolated page. */
  readonly threads: number;
  /** Fetch, session creation and warm-up, measured in the worker. */
  readonly loadMs: number;
}

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
