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
  onLoading(): void;
  onReady(detail: ReadyDetail): void;
  onResult(detail: PredictionDetail): void;
  onError(error: PadErrorInfo): void;
}

const FIRST_RETRY_MS = 2000;
const MAX_FAILURES = 5;

/**
 * Owns the inference worker and schedules snapshots with latest-wins semantics: at most one
 * snapshot is in the worker and at most one is waiting (the `dirty` flag; the snapshot itself
 * is taken only when it is sent, so it is always the latest ink). At most one is sent per frame.
 */
export class InferenceClient implements ReactiveController {
  private worker: Worker | null = null;
  private generation = 0;
  private models: readonly ModelSpec[] = [];
  private threads = 1;
  private ready = false;
  private inFlight = false;
  private dirty = false;
  private sentThisFrame = false;
  private frame = 0;
  private seq = 0;
  private failures = 0;
  private retryAt = 0;

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
    if (this.models.length) this.start();
  }

  hostDisconnected(): void {
    this.generation++;
    this.worker?.terminate();
    this.worker = null;
    this.ready = false;
    this.inFlight = false;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Starts loading a model set; results of earlier sets are never delivered after this. */
  load(models: readonly ModelSpec[], threads: number): void {
    this.models = models;
    this.threads = threads;
    this.failures = 0;
    this.start();
  }

  private start(): void {
    const { models, threads } = this;
    this.generation++;
    this.ready = false;
    this.inFlight = false;
    this.hooks.onLoading();
    const worker = this.ensureWorker();
    if (!worker) return;
    this.post({ type: 'load', generation: this.generation, models, threads });
  }

  /** Marks the ink as changed; a snapshot follows as soon as the worker and the frame allow. */
  schedule(): void {
    this.dirty = true;
    if (!this.ready && this.retryAt && performance.now() >= this.retryAt) {
      this.retryAt = 0;
      this.start();
    }
    this.pump();
  }

  private pump(): void {
    if (!this.ready || this.inFlight || !this.dirty) return;
    if (this.sentThisFrame) {
      this.frame ||= requestAnimationFrame(this.onFrame);
      return;
    }
    this.dirty = false;
    this.sentThisFrame = true;
    this.inFlight = true;
    this.frame ||= requestAnimationFrame(this.onFrame);
    const { ink, source } = this.hooks.snapshot();
    this.post({ type: 'predict', generation: this.generation, seq: ++this.seq, source, ink }, [
      ink.points.buffer,
      ink.ends.buffer,
    ]);
  }

  private readonly onFrame = (): void => {
    this.frame = 0;
    this.sentThisFrame = false;
    this.pump();
  };

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      this.worker = new Worker(this.workerUrl(), { type: 'module', name: 'digit-pad-inference' });
    } catch (error) {
      this.fail({ code: 'worker', message: `Could not start the inference worker: ${error}` });
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
        this.failures = 0;
        this.hooks.onReady({ models: data.models, loadMs: data.loadMs });
        // Ink drawn while loading is predicted now.
        this.pump();
        break;
      case 'result':
        this.inFlight = false;
        this.hooks.onResult({
          seq: data.seq,
          blank: data.blank,
          source: data.source,
          input: data.input,
          results: data.results,
          timings: data.timings,
        });
        this.pump();
        break;
      case 'error':
        if (data.seq === undefined) {
          this.fail(data.error);
        } else {
          this.inFlight = false;
          this.hooks.onError(data.error);
        }
        break;
    }
  };

  private readonly onWorkerError = (event: Event): void => {
    event.preventDefault();
    this.worker?.terminate();
    this.worker = null;
    const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
    this.fail({
      code: 'worker',
      message: `The inference worker failed${detail}. Check that ${this.workerUrl()} is served and allowed by the page's Content-Security-Policy (worker-src).`,
    });
  };

  /** A failed load is retried on later input, with exponential backoff and a final give-up. */
  private fail(error: PadErrorInfo): void {
    this.generation++;
    this.ready = false;
    this.inFlight = false;
    this.failures++;
    this.retryAt =
      this.failures < MAX_FAILURES
        ? performance.now() + FIRST_RETRY_MS * 2 ** (this.failures - 1)
        : 0;
    this.hooks.onError(error);
  }

  private post(message: WorkerRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }
}
