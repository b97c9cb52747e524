/**
 * Loads, validates and runs the configured ONNX models with onnxruntime-web's WebAssembly
 * backend. Every model must honour one contract, the one training/ exports:
 * input `[N,1,28,28]` float32 in [0,1] with ink = 1, output `[N,10]` float32 logits.
 */
import * as ort from 'onnxruntime-web/wasm';
import { argmax } from '../internal/argmax.js';
import './wasm-location.js';
import { PadError } from './pad-error.js';
import type { ModelResult, ModelSpec } from './protocol.js';
import { SIDE } from './preprocess.js';

export const CONTRACT = 'input float32 [N,1,28,28] in [0,1] (ink = 1), output float32 [N,10]';
const INPUT_SHAPE = [1, 1, SIDE, SIDE];
const CLASSES = 10;

interface LoadedModel {
  readonly name: string;
  readonly session: ort.InferenceSession;
  readonly inputName: string;
  readonly outputName: string;
}

/** Set once the first session has started onnxruntime's WebAssembly runtime. */
let runtimeStarted = false;

/**
 * Sets up the runtime before its first session. onnxruntime reads these settings only then, so
 * later calls change nothing: a worker runs on the thread count it started with.
 */
export function configureRuntime(threads: number): void {
  if (runtimeStarted) return;
  // Threads need SharedArrayBuffer, so a cross-origin-isolated page. Elsewhere one thread,
  // quietly: onnxruntime would otherwise warn in the console and fall back by itself.
  ort.env.wasm.numThreads = threads > 1 && !globalThis.crossOriginIsolated ? 1 : threads;
  ort.env.wasm.proxy = false;
}

/**
 * The thread count the runtime started with. onnxruntime writes back the count it fell back to,
 * and `configureRuntime` leaves it alone once the runtime has started.
 */
export function runtimeThreads(): number {
  return ort.env.wasm.numThreads ?? 1;
}

export class ModelSet {
  private constructor(private readonly models: readonly LoadedModel[]) {}

  get names(): string[] {
    return this.models.map((m) => m.name);
  }

  /** Fetches, validates and warms up every model, in order; fails on the first bad one. */
  static async load(
    specs: readonly ModelSpec[],
    maxBytes: number,
    signal: AbortSignal,
  ): Promise<ModelSet> {
    const models: LoadedModel[] = [];
    try {
      for (const spec of specs) {
        const bytes = await fetchModel(spec, maxBytes, signal);
        if (spec.integrity) await checkIntegrity(spec, bytes);
        signal.throwIfAborted();
        models.push(await createSession(spec.name, bytes));
        signal.throwIfAborted();
      }
      const set = new ModelSet(models);
      await set.run(new Float32Array(SIDE * SIDE));
      return set;
    } catch (error) {
      await Promise.all(models.map((m) => m.session.release()));
      throw error;
    }
  }

  /** Runs the models one after another on one 28×28 input. */
  async run(input: Float32Array): Promise<Record<string, ModelResult>> {
    const results: Record<string, ModelResult> = {};
    const tensor = new ort.Tensor('float32', input, INPUT_SHAPE);
    for (const model of this.models) {
      const start = performance.now();
      let output: ort.Tensor | undefined;
      try {
        output = (await model.session.run({ [model.inputName]: tensor }))[model.outputName];
      } catch (error) {
        throw PadError.from(error, 'inference', model.name);
      }
      const ms = performance.now() - start;
      results[model.name] = { ...interpret(model.name, output), ms };
    }
    return results;
  }

  async release(): Promise<void> {
    await Promise.all(this.models.map((m) => m.session.release()));
  }
}

async function fetchModel(
  spec: ModelSpec,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  // A private controller, so that an oversized download can be cut off mid-stream.
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', abort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(spec.url, { signal: controller.signal, credentials: 'same-origin' });
    } catch (error) {
      signal.throwIfAborted();
      throw new PadError('model-fetch', `Could not fetch ${spec.url}: ${String(error)}`, spec.name);
    }
    if (!response.ok) {
      throw new PadError(
        'model-fetch',
        `Could not fetch ${spec.url}: HTTP ${response.status}`,
        spec.name,
        response.status,
      );
    }
    const tooLarge = () => {
      controller.abort();
      return new PadError(
        'model-too-large',
        `"${spec.name}" is larger than max-model-bytes (${maxBytes} bytes); download aborted`,
        spec.name,
      );
    };
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
    return await readCapped(response, maxBytes, tooLarge, spec);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  tooLarge: () => PadError,
  spec: ModelSpec,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PadError) throw error;
    throw new PadError('model-fetch', `Download of ${spec.url} failed: ${error}`, spec.name);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function checkIntegrity(spec: ModelSpec, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const sri = `sha256-${btoa(String.fromCharCode(...digest))}`;
  const expected = spec.integrity!.trim();
  if (expected.toLowerCase() !== hex && expected !== sri) {
    throw new PadError(
      'model-integrity',
      `"${spec.name}" does not match its integrity value (got ${sri}, sha256 ${hex})`,
      spec.name,
    );
  }
}

async function createSession(name: string, bytes: Uint8Array): Promise<LoadedModel> {
  let session: ort.InferenceSession;
  try {
    // Tried and measured per snapshot (Chromium worker, 2-core VM): enableCpuMemArena and
    // enableMemPattern (off by default in onnxruntime-web) and freeDimensionOverrides for the
    // batch dimension change nothing measurable for these small models, so they stay unset.
    // 'all' is in effect: 'basic' runs the CNN about 10 % slower.
    runtimeStarted = true;
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    if (isRuntimeFailure(error)) {
      throw new PadError(
        'runtime',
        `The WebAssembly runtime could not start, so no model can run (${error}). Check that the onnxruntime-web .wasm file is served beside the worker and that the page's Content-Security-Policy allows 'wasm-unsafe-eval'.`,
      );
    }
    throw new PadError('model-invalid', `"${name}" is not a valid ONNX model: ${error}`, name);
  }
  const problem = checkSignature(session);
  if (problem) {
    await session.release();
    throw new PadError('model-incompatible', `"${name}" ${problem}; expected ${CONTRACT}`, name);
  }
  return { name, session, inputName: session.inputNames[0], outputName: session.outputNames[0] };
}

/**
 * onnxruntime starts its WebAssembly runtime when the first session is created, before it reads
 * the model; if that fails it throws this (common/lib/backend-impl.ts), and keeps failing so.
 */
function isRuntimeFailure(error: unknown): boolean {
  return String(error).includes('no available backend found');
}

/** Static check from the model's metadata; `interpret` re-checks the real output at warm-up. */
function checkSignature(session: ort.InferenceSession): string | null {
  if (session.inputNames.length !== 1) return `has ${session.inputNames.length} inputs`;
  if (session.outputNames.length < 1) return 'has no output';
  const [input] = session.inputMetadata;
  const [output] = session.outputMetadata;
  if (input?.isTensor) {
    if (input.type !== 'float32') return `takes ${input.type} input`;
    const fixed = input.shape.slice(1);
    if (input.shape.length !== 4 || !fixed.every((d, i) => d === INPUT_SHAPE[i + 1]))
      return `takes input of shape [${input.shape.join(',')}]`;
  }
  if (output?.isTensor) {
    if (output.type !== 'float32') return `returns ${output.type} output`;
    const last = output.shape[output.shape.length - 1];
    if (output.shape.length !== 2 || (typeof last === 'number' && last !== CLASSES))
      return `returns output of shape [${output.shape.join(',')}]`;
  }
  return null;
}

function interpret(name: string, output: ort.Tensor | undefined): Omit<ModelResult, 'ms'> {
  if (!output || output.type !== 'float32' || output.data.length !== CLASSES) {
    const got = output ? `${output.type} [${output.dims.join(',')}]` : 'nothing';
    throw new PadError(
      'model-incompatible',
      `"${name}" returned ${got}; expected ${CONTRACT}`,
      name,
    );
  }
  const logits = output.data as Float32Array;
  if (!logits.every(Number.isFinite)) {
    throw new PadError('model-output', `"${name}" returned non-finite logits`, name);
  }
  const probabilities = softmax(logits);
  return { probabilities, label: argmax(probabilities) };
}

/** Probabilities from logits, shifted by their maximum so that `exp` cannot overflow. */
export function softmax(logits: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(logits));
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}
