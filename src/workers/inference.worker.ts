/**
 * The inference worker: owns onnxruntime-web, preprocesses snapshots and runs the model set.
 * Work is strictly serial; the main thread keeps at most one request in flight (latest wins).
 */
import { ModelSet, configureRuntime, runtimeThreads } from './model-set.js';
import { PadError } from './pad-error.js';
import { preprocess, SIDE, unusualInk } from './preprocess.js';
import type { LoadRequest, PredictRequest, WorkerRequest, WorkerResponse } from './protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

let generation = -1;
let models: Promise<ModelSet> | null = null;
let loading: AbortController | null = null;
let queue: Promise<void> = Promise.resolve();

scope.onmessage = ({ data }) => {
  if (data.type === 'load') startLoad(data);
  else queue = queue.then(() => predict(data));
};

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
        classes: Object.fromEntries(set.names.map((name) => [name, DIGITS])),
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
        glyphs: [],
        reading: Object.fromEntries(
          Object.entries(results).map(([name, r]) => [
            name,
            { text: String(r.label), value: r.label },
          ]),
        ),
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
