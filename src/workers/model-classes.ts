/**
 * A model's classes and reject rule, declared in its ONNX file's metadata
 * (`digit_pad.classes`, a JSON array of K strings whose first ten are "0".."9";
 * `digit_pad.reject`, `{"threshold": t}`). A file without them reads as the ten digits.
 */
import { onnxMetadata } from './onnx-metadata.js';
import { PadError } from './pad-error.js';

export const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export interface ModelClasses {
  readonly classes: readonly string[];
  /** A glyph reads "?" when its top probability is below this; null: only the "?" class rejects. */
  readonly rejectBelow: number | null;
}

export function modelClasses(name: string, bytes: Uint8Array): ModelClasses {
  const incompatible = (why: string) =>
    new PadError('model-incompatible', `"${name}" ${why}`, name);
  let metadata: Map<string, string>;
  try {
    metadata = onnxMetadata(bytes);
  } catch {
    // Not a readable protobuf: session creation reports it as model-invalid.
    return { classes: DIGITS, rejectBelow: null };
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
  return {
    classes: classes as string[],
    rejectBelow: typeof threshold === 'number' ? threshold : null,
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
