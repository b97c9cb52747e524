import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { startWorker } from '../bundled-assets.js';
import { PadErrorEvent } from '../events/pad-error-event.js';
import { PredictionEvent, type PredictionDetail } from '../events/prediction-event.js';
import { ReadyEvent, type ReadyDetail } from '../events/ready-event.js';
import { GlyphReceiver } from '../workers/glyph-refs.js';
import { AnswerWatchdog } from './answer-watchdog.js';
import { WorkerRecovery } from './worker-recovery.js';
import {
  detailOf,
  type ModelSpec,
  type PadErrorInfo,
  type PredictRequest,
  type WorkerRequest,
  type WorkerResponse,
} from '../workers/protocol.js';

/** What a prediction is asked about: the ink as it is when the snapshot is sent. */
export type Snapshot = Pick<PredictRequest, 'ink' | 'source' | 'mode'>;

export type InferenceStatus = 'loading' | 'ready' | 'error';

export interface LoadOptions {
  readonly models: readonly ModelSpec[];
  readonly threads: number;
  readonly maxModelBytes: number;
  /** A prediction not answered within this time counts as a dead worker. */
  readonly timeoutMs: number;
}

/**
 * Owns the inference worker and schedules snapshots with latest-wins semantics: at most one
 * snapshot is in the worker and at most one is waiting (the `dirty` flag; the snapshot itself
 * is taken only when it is sent, so it is always the latest ink). A snapshot is sent as soon as
 * the worker is free, without waiting for a frame: the worker's own pace bounds the rate, and
 * waiting for frames would add up to a frame of latency to most pen reports.
 *
 * Recovery (`WorkerRecovery`): a worker that dies or stops answering is replaced automatically,
 * with backoff, and given up after repeated deaths. A failed download is retried on later input,
 * with backoff. Invalid or incompatible models are not retried until the configuration changes.
 *
 * It exposes its state (`status`, `error`, `loaded`, `prediction`, `idle`), asks the host to
 * update when the status changes, and fires the public `ready`, `prediction` and `error` events
 * on the host itself.
 */
export class InferenceClient implements ReactiveController {
  status: InferenceStatus = 'loading';
  /** The latest failure while `status` is `'error'`. */
  error: PadErrorInfo | null = null;
  /** The loaded model set, or null while loading or unloaded. */
  loaded: ReadyDetail | null = null;
  /** The latest prediction delivered for the current model set, or null. */
  prediction: PredictionDetail | null = null;
  private options: LoadOptions | null = null;
  private worker: Worker | null = null;
  /** The thread count the worker's runtime was set up with. */
  private workerThreads = 0;
  private generation = 0;
  private ready = false;
  /** A load request is in the worker and has not been answered yet. */
  private loading = false;
  private inFlight = false;
  private readonly watchdog = new AnswerWatchdog(
    () => (this.inFlight && this.options ? this.options.timeoutMs : null),
    (timeoutMs) => this.workerDied(`The inference worker did not answer within ${timeoutMs} ms`),
  );
  private dirty = false;
  private seq = 0;
  private readonly recovery = new WorkerRecovery();
  private restartTimer = 0;
  private readonly glyphs = new GlyphReceiver();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly workerUrl: () => URL,
    private readonly snapshot: () => Snapshot,
    /** False while the pad has no area: nothing is worth predicting then. */
    private readonly visible: () => boolean,
  ) {
    host.addController(this);
  }

  /** True when the last snapshot sent reflects the latest ink and its answer has arrived. */
  get idle(): boolean {
    return this.ready && !this.inFlight && !this.dirty;
  }

  /** True while models are loading or a restart is scheduled: `loaded` may still be set. */
  get pending(): boolean {
    return this.loading || this.restartTimer !== 0;
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
    this.prediction = null;
    this.recovery.reset();
    this.start();
  }

  /** Ends the worker and forgets the models, because the configuration is unusable. */
  unload(reason: PadErrorInfo): void {
    this.options = null;
    this.stop();
    this.terminate();
    this.fail(reason);
  }

  /** Marks the ink as changed; a snapshot follows as soon as the worker is free. */
  schedule(): void {
    this.dirty = true;
    if (!this.options) return;
    if (!this.ready && this.recovery.retryDue) this.start();
    this.pump();
  }

  private start(): void {
    this.stop();
    const options = this.options!;
    this.setStatus('loading', null);
    // The worker outlives a bad model: only a dead worker is replaced, or one whose runtime
    // runs another thread count (onnxruntime sets its threads up once per worker).
    if (this.workerThreads !== options.threads) this.terminate();
    const worker = this.worker ?? this.createWorker();
    if (!worker) return;
    this.workerThreads = options.threads;
    worker.postMessage({
      type: 'load',
      generation: this.generation,
      models: options.models,
      threads: options.threads,
      maxModelBytes: options.maxModelBytes,
    } satisfies WorkerRequest);
    this.loading = true;
  }

  /** Forgets the current generation, so nothing from it is delivered any more. */
  private stop(): void {
    this.generation++;
    this.ready = false;
    this.loaded = null;
    this.loading = false;
    this.inFlight = false;
    this.watchdog.cancel();
    this.recovery.cancelRetry();
    clearTimeout(this.restartTimer);
    this.restartTimer = 0;
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
    if (!this.ready || this.inFlight || !this.dirty || !this.visible()) return;
    this.dirty = false;
    this.inFlight = true;
    this.watchdog.sent(this.options!.timeoutMs);
    const snapshot = this.snapshot();
    const { points, ends, ids, times } = snapshot.ink;
    const request: WorkerRequest = {
      type: 'predict',
      generation: this.generation,
      seq: ++this.seq,
      ...snapshot,
    };
    this.worker!.postMessage(request, [points.buffer, ends.buffer, ids.buffer, times.buffer]);
  }

  private createWorker(): Worker | null {
    try {
      this.worker = startWorker(this.workerUrl());
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
      case 'ready': {
        this.ready = true;
        this.loading = false;
        this.recovery.loaded();
        const detail = detailOf(data);
        this.loaded = detail;
        this.setStatus('ready', null);
        this.host.dispatchEvent(new ReadyEvent(detail));
        // Ink drawn while loading is predicted now.
        this.pump();
        break;
      }
      case 'result': {
        this.inFlight = false;
        this.recovery.answered();
        const detail = {
          ...detailOf(data),
          glyphs: this.glyphs.decode(data.generation, data.glyphs),
        };
        this.prediction = detail;
        if (this.status === 'error') this.setStatus('ready', null);
        this.host.dispatchEvent(new PredictionEvent(detail));
        this.pump();
        break;
      }
      case 'error':
        if (data.seq !== undefined) {
          this.inFlight = false;
        } else {
          this.ready = false;
          this.loading = false;
          this.recovery.loadFailed(data.error);
          // onnxruntime starts its runtime once per worker: only a new worker can try again.
          if (data.error.code === 'runtime') this.terminate();
        }
        this.fail(data.error);
        // As after a result: a snapshot that waited behind a failed one goes now.
        this.pump();
        break;
    }
  };

  private fail(error: PadErrorInfo): void {
    this.setStatus('error', error);
    this.host.dispatchEvent(new PadErrorEvent(error));
  }

  private setStatus(status: InferenceStatus, error: PadErrorInfo | null): void {
    this.status = status;
    this.error = error;
    this.host.requestUpdate();
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
    const delay = this.recovery.died();
    const final = delay === null;
    // Scheduled before the error is reported, so that the host sees a restart is pending.
    if (!final) {
      this.restartTimer = window.setTimeout(() => {
        this.restartTimer = 0;
        this.dirty = true;
        this.start();
      }, delay);
    }
    this.fail({
      code: 'worker',
      message: final
        ? `${sentence(message)} It failed ${this.recovery.deaths} times in a row; giving up until the page reloads or the models change.`
        : message,
    });
  }
}

/** The text as a sentence: with a full stop, unless it already ends like one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
