/**
 * What a model's ONNX file declares in its metadata: its classes (`digit_pad.classes`, a JSON
 * array of K strings whose first ten are "0".."9"), its reject rule (`digit_pad.reject`,
 * `{"threshold": t}`) and how its weights are stored (`digit_pad.quantization`). A file without
 * them reads as the ten digits, in float.
 */
import type { InferenceSession } from 'onnxruntime-web/wasm';
import { onnxMetadata } from './onnx-metadata.js';
import { PadError } from './pad-error.js';

export const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export interface ModelClasses {
  readonly classes: readonly string[];
  /** A glyph reads "?" when its top probability is below this; null: only the "?" class rejects. */
  readonly rejectBelow: number | null;
  /**
   * The file stores int8 weights and computes in float (`{"weights": "int8", "activations":
   * "float32"}`, what `python -m training export` writes): its session folds the weights back
   * to float once at load instead of at every run.
   */
  readonly foldWeights: boolean;
}

export function modelClasses(name: string, bytes: Uint8Array): ModelClasses {
  const incompatible = (why: string) =>
    new PadError('model-incompatible', `"${name}" ${why}`, name);
  let metadata: Map<string, string>;
  try {
    metadata = onnxMetadata(bytes);
  } catch {
    // Not a readable protobuf: session creation reports it as model-invalid.
    return { classes: DIGITS, rejectBelow: null, foldWeights: false };
  }
  const classes = parse(metadata.get('digit_pad.classes'), DIGITS);
  if (
    !Array.isArray(classes) ||
    !classes.every((c) => typeof c === 'string') ||
    !DIGITS.every((d, i) => classes[i] === d)
  ) {
    throw incompatible('declares classes that are not a list of strings starting with "0".."9"');
  }
  const reject = parse(metadata.get('digit_pad.reject'), null);
  const threshold = (reject as { threshold?: unknown } | null)?.threshold;
  if (reject !== null && !(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) {
    throw incompatible('declares a reject rule without a threshold in [0, 1]');
  }
  const stored = parse(metadata.get('digit_pad.quantization'), null) as {
    weights?: unknown;
    activations?: unknown;
  } | null;
  return {
    classes: classes as string[],
    rejectBelow: typeof threshold === 'number' ? threshold : null,
    foldWeights: stored?.weights === 'int8' && stored.activations === 'float32',
  };

  function parse(json: string | undefined, fallback: unknown): unknown {
    if (json === undefined) return fallback;
    try {
      return JSON.parse(json);
    } catch {
      throw incompatible(`has metadata that is not JSON: ${json.slice(0, 80)}`);
    }
  }
}

/** The options of a model's session, here and in the bench's runtime floor. */
export function sessionOptions(declared: ModelClasses): InferenceSession.SessionOptions {
  // Tried and measured per snapshot (Chromium worker, 2-core VM): enableCpuMemArena and
  // enableMemPattern (off by default in onnxruntime-web) and freeDimensionOverrides for the
  // batch dimension change nothing measurable for these small models, so they stay unset.
  // 'all' is in effect: 'basic' runs the CNN about 10 % slower.
  return {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
    // onnxruntime keeps a weight's DequantizeLinear for fusion into int8 kernels, which a
    // weights-only file has none of: it would dequantize every weight at every run (the MLP
    // 2.5x slower). Without QDQ handling, constant folding does it once.
    ...(declared.foldWeights && { extra: { session: { disable_quant_qdq: '1' } } }),
  };
}
