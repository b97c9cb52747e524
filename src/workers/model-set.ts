/**
 * Loads, validates and runs the configured ONNX models with onnxruntime-web's WebAssembly
 * backend. Every model must honour one contract, the one training/ exports: input
 * `[N,1,28,28]` float32 in [0,1] with ink = 1, output `[N,K]` float32 logits over the K classes
 * its file's metadata names (`digit_pad.classes`; the ten digits when absent).
 */
import * as ort from 'onnxruntime-web/wasm';
import { argmax } from '../internal/argmax.js';
import './wasm-location.js';
import { fetchModelBytes } from './model-fetch.js';
import { modelClasses, sessionOptions, type ModelClasses } from './model-classes.js';
import { PadError } from './pad-error.js';
import type { ModelResult, ModelSpec } from './protocol.js';
import { SIDE } from './preprocess.js';
import { startRuntime } from './runtime-start.js';

export const CONTRACT =
  'input float32 [N,1,28,28] in [0,1] (ink = 1), output float32 [N,K] logits for the K classes in its metadata ([N,10] without)';
const PIXELS = SIDE * SIDE;
/** The digits are the first ten classes of every model. */
export const DIGIT_CLASSES = 10;

export interface LoadedModel extends ModelClasses {
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
  private constructor(readonly models: readonly LoadedModel[]) {}

  get names(): string[] {
    return this.models.map((m) => m.name);
  }

  get classes(): Record<string, readonly string[]> {
    return Object.fromEntries(this.models.map((m) => [m.name, m.classes]));
  }

  /**
   * Fetches, validates and warms up every model; fails on the first bad one, in order. All
   * downloads and the runtime's own start run at once: a round trip and a transfer each, which
   * in a row made a phone link wait for every file in turn.
   */
  static async load(
    specs: readonly ModelSpec[],
    maxBytes: number,
    signal: AbortSignal,
  ): Promise<ModelSet> {
    const downloads = new AbortController();
    const stop = () => downloads.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    const runtime = startRuntime();
    const pending = specs.map((spec) => fetchModelBytes(spec, maxBytes, downloads.signal));
    // Settled in order below; a later failure is not reported before an earlier model's.
    for (const p of [runtime, ...pending]) p.catch(() => undefined);
    const models: LoadedModel[] = [];
    try {
      for (const [i, spec] of specs.entries()) {
        const bytes = await pending[i];
        signal.throwIfAborted();
        models.push(await createSession(spec.name, bytes, runtime));
        signal.throwIfAborted();
      }
      const set = new ModelSet(models);
      await set.run(new Float32Array(PIXELS));
      return set;
    } catch (error) {
      downloads.abort();
      await Promise.all(models.map((m) => m.session.release()));
      throw error;
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /** Digit mode: one 28×28 input, read over the ten digits (renormalised over them). */
  async run(input: Float32Array): Promise<Record<string, ModelResult>> {
    const results: Record<string, ModelResult> = {};
    for (const [name, { logits, ms }] of Object.entries(await this.logits(input, 1))) {
      const probabilities = softmax(logits.subarray(0, DIGIT_CLASSES));
      results[name] = { probabilities, label: argmax(probabilities), ms };
    }
    return results;
  }

  /** Runs the models one after another on `count` inputs at once; logits are `[count, K]`. */
  async logits(
    inputs: Float32Array,
    count: number,
  ): Promise<Record<string, { logits: Float32Array; ms: number }>> {
    const results: Record<string, { logits: Float32Array; ms: number }> = {};
    const tensor = new ort.Tensor('float32', inputs.subarray(0, count * PIXELS), [
      count,
      1,
      SIDE,
      SIDE,
    ]);
    for (const model of this.models) {
      const start = performance.now();
      let output: ort.Tensor | undefined;
      try {
        output = (await model.session.run({ [model.inputName]: tensor }))[model.outputName];
      } catch (error) {
        throw PadError.from(error, 'inference', model.name);
      }
      results[model.name] = { logits: check(model, output, count), ms: performance.now() - start };
    }
    return results;
  }

  async release(): Promise<void> {
    await Promise.all(this.models.map((m) => m.session.release()));
  }
}

async function createSession(
  name: string,
  bytes: Uint8Array,
  runtime: Promise<void>,
): Promise<LoadedModel> {
  const declared = modelClasses(name, bytes);
  let session: ort.InferenceSession;
  try {
    await runtime;
    runtimeStarted = true;
    session = await ort.InferenceSession.create(bytes, sessionOptions(declared));
  } catch (error) {
    if (isRuntimeFailure(error)) {
      throw new PadError(
        'runtime',
        `The WebAssembly runtime could not start, so no model can run (${error}). Check that the onnxruntime-web .wasm file is served beside the worker and that the page's Content-Security-Policy allows 'wasm-unsafe-eval'.`,
      );
    }
    throw new PadError('model-invalid', `"${name}" is not a valid ONNX model: ${error}`, name);
  }
  const problem = checkSignature(session, declared.classes.length);
  if (problem) {
    await session.release();
    throw new PadError('model-incompatible', `"${name}" ${problem}; expected ${CONTRACT}`, name);
  }
  return {
    name,
    session,
    inputName: session.inputNames[0],
    outputName: session.outputNames[0],
    ...declared,
  };
}

/**
 * onnxruntime starts its WebAssembly runtime when the first session is created, before it reads
 * the model; if that fails it throws this (common/lib/backend-impl.ts), and keeps failing so.
 */
function isRuntimeFailure(error: unknown): boolean {
  return String(error).includes('no available backend found');
}

/** Static check from the model's metadata; `interpret` re-checks the real output at warm-up. */
function checkSignature(session: ort.InferenceSession, classes: number): string | null {
  if (session.inputNames.length !== 1) return `has ${session.inputNames.length} inputs`;
  if (session.outputNames.length < 1) return 'has no output';
  const [input] = session.inputMetadata;
  const [output] = session.outputMetadata;
  if (input?.isTensor) {
    if (input.type !== 'float32') return `takes ${input.type} input`;
    const fixed = input.shape.slice(1);
    if (input.shape.length !== 4 || !fixed.every((d, i) => d === [1, SIDE, SIDE][i]))
      return `takes input of shape [${input.shape.join(',')}]`;
  }
  if (output?.isTensor) {
    if (output.type !== 'float32') return `returns ${output.type} output`;
    const last = output.shape[output.shape.length - 1];
    if (output.shape.length !== 2 || (typeof last === 'number' && last !== classes))
      return `returns output of shape [${output.shape.join(',')}] for ${classes} classes`;
  }
  return null;
}

/** The real output, checked against the contract: `[count, K]` finite float32 logits. */
function check(model: LoadedModel, output: ort.Tensor | undefined, count: number): Float32Array {
  const width = model.classes.length;
  if (!output || output.type !== 'float32' || output.data.length !== count * width) {
    const got = output ? `${output.type} [${output.dims.join(',')}]` : 'nothing';
    throw new PadError(
      'model-incompatible',
      `"${model.name}" returned ${got} for ${width} classes; expected ${CONTRACT}`,
      model.name,
    );
  }
  const logits = output.data as Float32Array;
  if (!logits.every(Number.isFinite)) {
    throw new PadError('model-output', `"${model.name}" returned non-finite logits`, model.name);
  }
  return logits;
}

/** Probabilities from logits, shifted by their maximum so that `exp` cannot overflow. */
export function softmax(logits: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(logits));
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}
