import type { WorkerRequest, WorkerResponse } from '../../src/workers/protocol.js';

/**
 * Wraps the global Worker so a test can see every worker the page creates, count the live ones,
 * kill one "from outside" or make it swallow requests, as a crashed or hung worker would.
 */
export function watchWorkers() {
  const Original = window.Worker;
  const created: Worker[] = [];
  const terminated = new Set<Worker>();
  /** The type of every request posted to any worker, in order. */
  const sent: WorkerRequest['type'][] = [];
  let swallowPredictions = false;
  /** Predictions posted and not answered yet, now and at most. */
  let inFlight = 0;
  let maxInFlight = 0;
  class WatchedWorker extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      created.push(this);
      this.addEventListener('message', ({ data }: MessageEvent<WorkerResponse>) => {
        if (data.type !== 'ready' && data.seq !== undefined) inFlight--;
      });
    }
    override terminate(): void {
      terminated.add(this);
      super.terminate();
    }
    override postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
    override postMessage(message: unknown, options?: StructuredSerializeOptions): void;
    override postMessage(
      message: WorkerRequest,
      transfer?: Transferable[] | StructuredSerializeOptions,
    ) {
      sent.push(message.type);
      if (message.type === 'predict') maxInFlight = Math.max(maxInFlight, ++inFlight);
      if (swallowPredictions && message.type === 'predict') return;
      super.postMessage(message, transfer as Transferable[]);
    }
  }
  window.Worker = WatchedWorker;
  return {
    created,
    sent,
    get maxInFlight() {
      return maxInFlight;
    },
    get live() {
      return created.filter((w) => !terminated.has(w)).length;
    },
    /**
     * Kills the newest worker the way a crash does: it reports an error, and stops. In that
     * order, because WebKit delivers no event to a worker object once it is terminated.
     */
    kill() {
      const worker = created.at(-1)!;
      worker.dispatchEvent(new ErrorEvent('error', { message: 'killed by the test' }));
      Original.prototype.terminate.call(worker);
    },
    hang(on = true) {
      swallowPredictions = on;
    },
    restore() {
      window.Worker = Original;
    },
  };
}
