/**
 * The one message protocol shared by the inference worker and the main thread. Messages are
 * discriminated unions keyed on `type`. `generation` identifies a model set: it increases each
 * time the models change, and anything tagged with an older generation is stale.
 */
import type { NoValueReason } from '../expression/evaluate.js';
import type { Box } from '../ink/geometry.js';
import type { PackedInk } from '../ink/ink.js';
import type { Unusual } from './preprocess.js';

export type { Box, NoValueReason, Unusual };

export type InputSource = 'ink' | 'keyboard';

/**
 * digit: the whole ink is one glyph, digits only. number: the ink is split into glyphs, each
 * read over the digit classes only. expression: split, read over all of a model's classes,
 * then parsed and evaluated.
 */
export type PadMode = 'digit' | 'number' | 'expression';

/** A line with more glyphs than this gets the `line-too-long` error; its ink is kept. */
export const MAX_GLYPHS = 64;

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
  /**
   * Softmax over the classes the mode reads: the ten digits in digit and number modes, all of
   * the model's classes in expression mode.
   */
  readonly probabilities: readonly number[];
  /** The argmax, an index into the model's classes (0–9 are the digits). */
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
  /** Each model's classes, from its file's metadata; the first ten are "0".."9". */
  readonly classes: Readonly<Record<string, readonly string[]>>;
}

export interface GlyphModelResult {
  /** Over the classes this mode reads (10 in digit/number mode, all K in expression mode). */
  readonly probabilities: readonly number[];
  /** Argmax index into the model's classes. */
  readonly label: number;
  /** What the glyph reads as: '0'-'9', '+', '-', '*', '/', '=', '(', ')', '.', or '?'. */
  readonly symbol: string;
}

export interface GlyphResult {
  /**
   * Indices, into this snapshot's strokes, of the strokes this glyph owns. A stroke that holds
   * digits written without lifting the pen is cut, and belongs to each of their glyphs.
   */
  readonly strokes: readonly number[];
  /** Its box in pad units: of its part of a cut stroke only. */
  readonly box: Box;
  /** Its 28×28 model input, row-major, ink = 1. */
  readonly input: Float32Array;
  readonly results: Readonly<Record<string, GlyphModelResult>>;
}

/**
 * A glyph as a result carries it over the wire: whole, or, when it is the very glyph the
 * previous result of the same generation held, its index there (glyph-refs.ts).
 */
export type SentGlyph = GlyphResult | number;

export interface Reading {
  /** ASCII, only 0-9 + - * / = ( ) . and '?'. */
  readonly text: string;
  /** What the text means; null when it means none. */
  readonly value: number | null;
  /** Why `value` is null; absent when it is a number or the pad is blank. */
  readonly reason?: NoValueReason;
}

export interface ResultMessage {
  readonly type: 'result';
  readonly generation: number;
  readonly seq: number;
  readonly source: InputSource;
  readonly blank: boolean;
  /**
   * The 28×28 model input, row-major, ink = 1. In the line modes, that of the glyph being
   * written (the one owning the last stroke); `results` and `unusual` describe it too.
   */
  readonly input: Float32Array;
  /** Why the input does not look like a digit, whatever the models say; null if it does. */
  readonly unusual: Unusual | null;
  readonly results: Readonly<Record<string, ModelResult>>;
  /** Left to right; [] when blank. Digit mode: one glyph holding every stroke. */
  readonly glyphs: readonly GlyphResult[];
  /** Per model name, in every mode. */
  readonly reading: Readonly<Record<string, Reading>>;
  readonly timings: Timings;
}

/** A result as posted: `glyphs` may refer to the previous result's (`SentGlyph`). */
export interface PostedResult extends Omit<ResultMessage, 'glyphs'> {
  readonly glyphs: readonly SentGlyph[];
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly generation: number;
  /** Present when the error answers a predict request. */
  readonly seq?: number;
  readonly error: PadErrorInfo;
}

export type WorkerResponse = ReadyMessage | PostedResult | ErrorMessage;

/** A message without its routing fields: what the pad's events carry. */
export function detailOf<T extends WorkerResponse>(message: T): Omit<T, 'type' | 'generation'> {
  const detail: Partial<Record<keyof T, unknown>> = {};
  for (const key of Object.keys(message) as (keyof T)[]) {
    // Deleting them instead would leave the detail a slow dictionary-mode object.
    if (key !== 'type' && key !== 'generation') detail[key] = message[key];
  }
  return detail as Omit<T, 'type' | 'generation'>;
}
