import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PredictionDetail } from '../../events/prediction-event.js';
import type { ReadyDetail } from '../../events/ready-event.js';
import type { PackedInk } from '../../ink/ink.js';
import type {
  InputSource,
  ModelSpec,
  PadErrorInfo,
  WorkerRequest,
  WorkerResponse,
} from '../../workers/protocol.js';

export interface InferenceHooks {
  snapshot(): { ink: PackedInk; source: InputSource };
  /** False while the pad has no area: nothing is worth predicting then. */
  visible(): boolean;
  onLoading(): void;
  onReady(detail: ReadyDetail): void;
  onResult(detail: PredictionDetail): void;
  onError(error: PadErrorInfo): void;
}

export interface LoadOptions {
  readonly models: readonly ModelSpec[];
  readonly threads: number;
  readonly maxModelBytes: number;
  /** A prediction not answered within this time counts as a dead worker. */
  readonly timeoutMs: number;
}

/** Delays before restarting after the 1st, 2nd and 3rd consecutive worker death; then give up. */
const RESTART_DELAYS_MS = [0, 1000, 4000];
/** A failed download is retried on later input after this delay, doubling, this many times. */
const FETCH_RETRY_MS = 2000;
const FETCH_RETRIES = 4;

/**
 * Owns the inference worker and schedules snapshots with latest-wins semantics: at most one
 * snapshot is in the worker and at most one is waiting (the `dirty` flag; the snapshot itself
 * is taken only when it is sent, so it is always the latest ink). A snapshot is sent as soon as
 * the worker is free, without waiting for a frame: the worker's own pace bounds the rate, and
 * waiting for frames would add up to a frame of latency to most pen reports.
 *
 * Recovery: a worker that dies or stops answering is replaced automatically, with backoff, and
 * given up after repeated deaths. A failed download is retried on later input, with backoff.
 * Invalid or incompatible models are not retried until the configuration changes.
 */
export class InferenceClient implements ReactiveController {
  private options: LoadOptions | null = null;
  private worker: Worker | null = null;
  private generation = 0;
  private ready = false;
  private inFlight = false;
  private sentAt = 0;
  private watchdog = 0;
  private dirty = false;
  private seq = 0;
  private deaths = 0;
  private fetchFailures = 0;
  private retryAt = 0;
  private restartTimer = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly workerUrl: () => URL,
    private readonly hooks: InferenceHooks,
  ) {
    host.addController(this);
  }

  /** True when the last snapshot sent reflects the latest ink and its answer has arrived. */
  get idle(): boolean {
    return this.ready && !this.inFlight && !this.dirty;
  }

  hostConnected(): void {
    if (this.options) this.start();
  }

  hostDisconnected(): void {
    this.stop();
    this.terminate();
  }

  /** Starts loading a model set; results of earlier sets are never delivered after this. */
  load(options: LoadOptions): void {
    this.options = options;
    this.deaths = 0;
    this.fetchFailures = 0;
    this.start();
  }

  /** Ends the worker and forgets the models, e.g. when the configuration is unusable. */
  unload(): void {
    this.options = null;
    this.stop();
    this.terminate();
  }

  /** Marks the ink as changed; a snapshot follows as soon as the worker is free. */
  schedule(): void {
    this.dirty = true;
    if (!this.options) return;
    if (!this.ready && this.retryAt && performance.now() >= this.retryAt) this.start();
    this.pump();
  }

  private start(): void {
    this.stop();
    const options = this.options!;
    this.hooks.onLoading();
    // The worker outlives a bad model: only a dead worker is replaced.
    const worker = this.worker ?? this.createWorker();
    worker?.postMessage({
      type: 'load',
      generation: this.generation,
      models: options.models,
      threads: options.threads,
      maxModelBytes: options.maxModelBytes,
    } satisfies WorkerRequest);
  }

  /** Forgets the current generation, so nothing from it is delivered any more. */
  private stop(): void {
    this.generation++;
    this.ready = false;
    this.inFlight = false;
    clearTimeout(this.watchdog);
    this.watchdog = 0;
    this.retryAt = 0;
    clearTimeout(this.restartTimer);
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Sends a snapshot that was held back (e.g. while the pad had no area), if there is one. */
  resume(): void {
    this.pump();
  }

  private pump(): void {
    if (!this.ready || this.inFlight || !this.dirty || !this.hooks.visible()) return;
    this.dirty = false;
    this.inFlight = true;
    this.sentAt = performance.now();
    // One timer serves many snapshots: re-arming a timeout per snapshot would cost the main
    // thread more than the rest of sending does.
    this.watchdog ||= window.setTimeout(this.checkWatchdog, this.options!.timeoutMs);
    const { ink, source } = this.hooks.snapshot();
    const request: WorkerRequest = {
      type: 'predict',
      generation: this.generation,
      seq: ++this.seq,
      source,
      ink,
    };
    this.worker!.postMessage(request, [ink.points.buffer, ink.ends.buffer]);
  }

  private readonly checkWatchdog = (): void => {
    this.watchdog = 0;
    if (!this.inFlight || !this.options) return;
    const timeoutMs = this.options.timeoutMs;
    const waited = performance.now() - this.sentAt;
    if (waited >= timeoutMs) {
      this.workerDied(`The inference worker did not answer within ${timeoutMs} ms`);
    } else {
      this.watchdog = window.setTimeout(this.checkWatchdog, timeoutMs - waited);
    }
  };

  private createWorker(): Worker | null {
    try {
      this.worker = new Worker(this.workerUrl(), { type: 'module', name: 'digit-pad-inference' });
    } catch (error) {
      // WebKit and Firefox throw here when the page's CSP forbids the worker; Chromium fires
      // an error event instead (onWorkerError). Both get the same hint.
      this.workerDied(`The inference worker could not start: ${error}. ${this.workerHint()}`);
      return null;
    }
    this.worker.addEventListener('message', this.onMessage);
    this.worker.addEventListener('error', this.onWorkerError);
    this.worker.addEventListener('messageerror', this.onWorkerError);
    return this.worker;
  }

  private readonly onMessage = ({ data }: MessageEvent<WorkerResponse>): void => {
    if (data.generation !== this.generation) return;
    switch (data.type) {
      case 'ready':
        this.ready = true;
        this.fetchFailures = 0;
        this.hooks.onReady({ models: data.models, threads: data.threads, loadMs: data.loadMs });
        // Ink drawn while loading is predicted now.
        this.pump();
        break;
      case 'result':
        this.inFlight = false;
        this.deaths = 0;
        this.hooks.onResult({
          seq: data.seq,
          blank: data.blank,
          source: data.source,
          input: data.input,
          unusual: data.unusual,
          results: data.results,
          timings: data.timings,
        });
        this.pump();
        break;
      case 'error':
        if (data.seq !== undefined) {
          this.inFlight = false;
        } else {
          this.ready = false;
          this.scheduleFetchRetry(data.error);
        }
        this.hooks.onError(data.error);
        break;
    }
  };

  private scheduleFetchRetry(error: PadErrorInfo): void {
    if (error.code !== 'model-fetch' || this.fetchFailures >= FETCH_RETRIES) return;
    this.retryAt = performance.now() + FETCH_RETRY_MS * 2 ** this.fetchFailures++;
  }

  private readonly onWorkerError = (event: Event): void => {
    event.preventDefault();
    const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
    this.workerDied(`The inference worker failed${detail}. ${this.workerHint()}`);
  };

  private workerHint(): string {
    return `Check that ${this.workerUrl()} is served and allowed by the page's Content-Security-Policy (worker-src).`;
  }

  private workerDied(message: string): void {
    this.stop();
    this.terminate();
    this.deaths++;
    const delay = RESTART_DELAYS_MS[this.deaths - 1];
    const final = delay === undefined;
    this.hooks.onError({
      code: 'worker',
      message: final
        ? `${message}. It failed ${this.deaths} times in a row; giving up until the page reloads or the models change.`
        : message,
    });
    if (final) return;
    this.restartTimer = window.setTimeout(() => {
      this.dirty = true;
      this.start();
    }, delay);
  }
}
