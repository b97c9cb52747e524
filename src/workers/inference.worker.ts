/**
 * The inference worker: owns onnxruntime-web, preprocesses snapshots and runs the model set.
 * Work is strictly serial; the main thread keeps at most one request in flight (latest wins).
 */
import { strokeBoxes, unionBox } from '../ink/geometry.js';
import { ModelSet, configureRuntime, runtimeThreads } from './model-set.js';
import { PadError } from './pad-error.js';
import { preprocess, SIDE, unusualInk } from './preprocess.js';
import type {
  LoadRequest,
  ModelResult,
  PredictRequest,
  ResultMessage,
  WorkerRequest,
  WorkerResponse,
} from './protocol.js';
import { GlyphSender } from './glyph-refs.js';
import { LineReader } from './read-line.js';

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
const lines = new LineReader();
const glyphs = new GlyphSender();

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
  lines.clear();
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
        classes: set.classes,
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

type Answer = Omit<ResultMessage, 'type' | 'generation' | 'seq' | 'source' | 'timings'>;

async function predict(request: PredictRequest): Promise<void> {
  if (request.generation !== generation || !models) return;
  const start = performance.now();
  try {
    const set = await models;
    const answer =
      request.mode === 'digit'
        ? await readDigit(request, set)
        : await readLine(request, request.mode, set);
    // Glyph inputs are cloned, not transferred: the line reader keeps its glyphs for reuse.
    post(
      {
        type: 'result',
        generation: request.generation,
        seq: request.seq,
        source: request.source,
        ...answer.body,
        glyphs: glyphs.encode(request.generation, answer.body.glyphs),
        timings: { preprocessMs: answer.preprocessMs, totalMs: performance.now() - start },
      },
      [answer.body.input.buffer],
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

/** Digit mode: the whole ink is one glyph, read over the ten digits, exactly as before lines. */
async function readDigit(request: PredictRequest, set: ModelSet) {
  const start = performance.now();
  const input = preprocess(request.ink);
  const preprocessMs = performance.now() - start;
  const results = input ? await set.run(input) : {};
  const sent = input ?? new Float32Array(SIDE * SIDE);
  const body: Answer = {
    blank: input === null,
    input: sent,
    unusual: input ? unusualInk(input) : null,
    results,
    glyphs: input
      ? [
          {
            strokes: Array.from(request.ink.ends, (_, i) => i),
            box: unionBox(strokeBoxes(request.ink)),
            input: input.slice(),
            results: Object.fromEntries(
              Object.entries(results).map(([name, { probabilities, label }]) => [
                name,
                { probabilities, label, symbol: String(label) },
              ]),
            ),
          },
        ]
      : [],
    reading: Object.fromEntries(
      set.names.map((name) => {
        const label = results[name]?.label;
        return [name, label === undefined ? blankReading : { text: String(label), value: label }];
      }),
    ),
  };
  return { body, preprocessMs };
}

const blankReading = { text: '', value: null } as const;

/** Number and expression modes; `results`, `input` and `unusual` follow the current glyph. */
async function readLine(request: PredictRequest, mode: 'number' | 'expression', set: ModelSet) {
  const line = await lines.read(request.ink, mode, set);
  const current = line.glyphs[line.current];
  const input = current ? current.input.slice() : new Float32Array(SIDE * SIDE);
  const results: Record<string, ModelResult> = current
    ? Object.fromEntries(
        Object.entries(current.results).map(([name, { probabilities, label }]) => [
          name,
          { probabilities, label, ms: line.ms[name] },
        ]),
      )
    : {};
  const body: Answer = {
    blank: !current,
    input,
    unusual: current ? unusualInk(input) : null,
    results,
    glyphs: line.glyphs,
    reading: current
      ? line.reading
      : Object.fromEntries(set.names.map((name) => [name, blankReading])),
  };
  return { body, preprocessMs: line.preprocessMs };
}

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}
