/**
 * The inference worker: owns onnxruntime-web, preprocesses snapshots and runs the model set.
 * Work is strictly serial; the main thread keeps at most one request in flight (latest wins).
 */
import { ModelSet, configureRuntime, runtimeThreads } from './model-set.js';
import { PadError } from './pad-error.js';
import { preprocess, SIDE, unusualInk } from './preprocess.js';
import type { LoadRequest, PredictRequest, WorkerRequest, WorkerResponse } from './protocol.js';

interface WorkerScope {
  readonly name: string;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

let generation = -1;
let models: Promise<ModelSet> | null = null;
let loading: AbortController | null = null;
let queue: Promise<void> = Promise.resolve();

// With more than one thread, onnxruntime starts its helper threads from the script it was loaded
// from; where it is bundled into this one, they run this file as "em-pthread" workers, and their
// messages are onnxruntime's own.
if (!scope.name.startsWith('em-pthread')) {
  scope.onmessage = ({ data }) => {
    if (data.type === 'load') startLoad(data);
    else queue = queue.then(() => predict(data));
  };
}

function startLoad(request: LoadRequest): void {
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  generation = request.generation;
  const previous = models;
  configureRuntime(request.threads);
  const start = performance.now();
  const next = (async () => {
    await previous?.then((set) => set.release()).catch(() => undefined);
    return ModelSet.load(request.models, request.maxModelBytes, controller.signal);
  })();
  models = next;
  next.then(
    (set) => {
      if (controller.signal.aborted) return;
      post({
        type: 'ready',
        generation: request.generation,
        models: set.names,
        threads: runtimeThreads(),
        loadMs: performance.now() - start,
      });
    },
    (error: unknown) => {
      if (controller.signal.aborted) return;
      post({
        type: 'error',
        generation: request.generation,
        error: PadError.from(error, 'model-invalid').toInfo(),
      });
    },
  );
}

async function predict(request: PredictRequest): Promise<void> {
  if (request.generation !== generation || !models) return;
  const start = performance.now();
  try {
    const set = await models;
    const input = preprocess(request.ink);
    const preprocessMs = performance.now() - start;
    const results = input ? await set.run(input) : {};
    const sent = input ?? new Float32Array(SIDE * SIDE);
    post(
      {
        type: 'result',
        generation: request.generation,
        seq: request.seq,
        source: request.source,
        blank: input === null,
        input: sent,
        unusual: input ? unusualInk(input) : null,
        results,
        timings: { preprocessMs, totalMs: performance.now() - start },
      },
      [sent.buffer],
    );
  } catch (error) {
    post({
      type: 'error',
      generation: request.generation,
      seq: request.seq,
      error: PadError.from(error, 'inference').toInfo(),
    });
  }
}

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}
