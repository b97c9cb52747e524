/**
 * The one message protocol shared by the inference worker and the main thread. Messages are
 * discriminated unions keyed on `type`. `generation` identifies a model set: it increases each
 * time the models change, and anything tagged with an older generation is stale.
 */
import type { PackedInk } from '../ink/ink.js';
import type { Unusual } from './preprocess.js';

export type { Unusual };

export type InputSource = 'ink' | 'keyboard';

export interface ModelSpec {
  /** Free-form name, used as the key in results. */
  readonly name: string;
  /** Absolute URL of the ONNX file. */
  readonly url: string;
  /** Expected SHA-256 of the file, as SRI (`sha256-<base64>`) or 64 hex digits. */
  readonly integrity?: string;
}

export type ErrorCode =
  | 'model-fetch'
  | 'model-too-large'
  | 'model-integrity'
  | 'model-invalid'
  | 'model-incompatible'
  | 'model-output'
  | 'runtime'
  | 'inference'
  | 'worker'
  | 'config';

/** Errors cross the worker boundary as plain objects. */
export interface PadErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly model?: string;
  readonly status?: number;
}

export interface LoadRequest {
  readonly type: 'load';
  readonly generation: number;
  readonly models: readonly ModelSpec[];
  readonly threads: number;
  /** Downloads larger than this are aborted. */
  readonly maxModelBytes: number;
}

export interface PredictRequest {
  readonly type: 'predict';
  readonly generation: number;
  readonly seq: number;
  readonly source: InputSource;
  readonly ink: PackedInk;
}

export type WorkerRequest = LoadRequest | PredictRequest;

export interface ModelResult {
  /** Softmax of the logits: ten numbers summing to 1. */
  readonly probabilities: readonly number[];
  /** The argmax, 0–9. */
  readonly label: number;
  /** Time spent in `session.run` for this model, measured in the worker. */
  readonly ms: number;
}

export interface Timings {
  readonly preprocessMs: number;
  /** Preprocessing plus every model, measured in the worker. */
  readonly totalMs: number;
}

export interface ReadyMessage {
  readonly type: 'ready';
  readonly generation: number;
  readonly models: readonly string[];
  /** WebAssembly threads in use. */
  readonly threads: number;
  /** Fetch, session creation and warm-up. */
  readonly loadMs: number;
}

export interface ResultMessage {
  readonly type: 'result';
  readonly generation: number;
  readonly seq: number;
  readonly source: InputSource;
  readonly blank: boolean;
  /** The 28×28 model input, row-major, ink = 1. */
  readonly input: Float32Array;
  /** Why the input does not look like a digit, whatever the models say; null if it does. */
  readonly unusual: Unusual | null;
  readonly results: Readonly<Record<string, ModelResult>>;
  readonly timings: Timings;
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly generation: number;
  /** Present when the error answers a predict request. */
  readonly seq?: number;
  readonly error: PadErrorInfo;
}

export type WorkerResponse = ReadyMessage | ResultMessage | ErrorMessage;
