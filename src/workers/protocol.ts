/**
 * The one message protocol shared by the inference worker and the main thread. Messages are
 * discriminated unions keyed on `type`. `generation` identifies a model set: it increases each
 * time the models change, and anything tagged with an older generation is stale.
 */
import type { PackedInk } from '../ink/ink.js';
import type { Unusual } from './preprocess.js';

export type { Unusual };

export type InputSource = 'ink' | 'keyboard';

/**
 * How a pad reads its ink. `digit`: the whole ink is one digit. `number`: a line of digits, read
 * over the ten digit classes only. `expression`: a line of digits and operators, evaluated.
 */
export type PadMode = 'digit' | 'number' | 'expression';

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
  | 'inference'
  | 'worker'
  | 'config'
  | 'line-too-long';

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
  readonly mode: PadMode;
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
  /** Each model's classes, from its file's metadata; the first ten are the digits "0"–"9". */
  readonly classes: Readonly<Record<string, readonly string[]>>;
}

/** A rectangle in pad units (the same units as the ink). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GlyphModelResult {
  /** Over the classes this mode reads: the ten digits in digit and number mode, all in expression mode. */
  readonly probabilities: readonly number[];
  /** The argmax, an index into the model's classes. */
  readonly label: number;
  /** The ASCII symbol read: '0'–'9', '+', '-', '*', '/', '=', '(', ')', '.', or '?'. */
  readonly symbol: string;
}

export interface GlyphResult {
  /** Indices into this snapshot's strokes of the strokes this glyph owns. */
  readonly strokes: readonly number[];
  readonly box: Box;
  /** Its 28×28 model input, row-major, ink = 1. */
  readonly input: Float32Array;
  readonly results: Readonly<Record<string, GlyphModelResult>>;
}

export interface Reading {
  /** ASCII: only 0-9 + - * / = ( ) . and '?' for a glyph outside the alphabet. */
  readonly text: string;
  /** What the text means; null when it means no number. */
  readonly value: number | null;
  /** Why `value` is null; absent when it is a number or the pad is blank. */
  readonly reason?: 'incomplete' | 'division-by-zero' | 'unreadable' | 'syntax';
}

export interface ResultMessage {
  readonly type: 'result';
  readonly generation: number;
  /** Increases with every snapshot sent; gaps are snapshots superseded before they ran. */
  readonly seq: number;
  /** `'keyboard'` when the latest change was typed rather than drawn. */
  readonly source: InputSource;
  /** True when the pad holds no ink; no model ran. */
  readonly blank: boolean;
  /**
   * The 28×28 model input, row-major, ink = 1: of the whole ink in digit mode, of the glyph
   * being written (the one that owns the last stroke) in the line modes.
   */
  readonly input: Float32Array;
  /**
   * `'too-little-ink'` or `'too-much-ink'` when the input is far outside what MNIST digits look
   * like (a dot, a filled shape, a dense scribble): treat any label as unreliable. Else null.
   */
  readonly unusual: Unusual | null;
  /** Keyed by model name, for the same ink as `input`. Empty when `blank`. */
  readonly results: Readonly<Record<string, ModelResult>>;
  readonly timings: Timings;
  /** The glyphs, left to right; [] when blank. In digit mode, one glyph holding all strokes. */
  readonly glyphs: readonly GlyphResult[];
  /** Each model's reading of the whole ink, in every mode. */
  readonly reading: Readonly<Record<string, Reading>>;
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly generation: number;
  /** Present when the error answers a predict request. */
  readonly seq?: number;
  readonly error: PadErrorInfo;
}

export type WorkerResponse = ReadyMessage | ResultMessage | ErrorMessage;
