import { bundledModels, PRECISIONS, type Precision } from '../../bundled-assets.js';
import type { LoadOptions } from '../../controllers/inference-client.js';
import { validNumber, warnOnce } from '../../internal/warn-once.js';
import type { PadErrorInfo } from '../../workers/protocol.js';
import { configuredModels } from './model-list.js';

export const DEFAULT_MAX_MODEL_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * int8: a quarter of fp32's download (0.9 MB against 4.0 MB in brotli), as accurate on real pen
 * digits, and a fraction of a millisecond slower per snapshot; the figures are in the README.
 */
export const DEFAULT_PRECISION: Precision = 'int8';

/** The pad's attributes that say which models its worker loads, and within what limits. */
export interface ModelAttributes {
  readonly models: string | null;
  readonly integrity: string | null;
  readonly precision: Precision | null;
  readonly threads: number;
  readonly maxModelBytes: number;
  readonly timeout: number;
}

/** The attributes (as properties) whose change means loading the models again. */
export const MODEL_ATTRIBUTES: readonly (keyof ModelAttributes)[] = [
  'models',
  'precision',
  'threads',
  'integrity',
  'maxModelBytes',
  'timeout',
];

/**
 * What the worker is asked to load. An invalid number or precision falls back to its default,
 * with one warning per element; a `models` attribute that names no usable model is an error.
 */
export function loadOptions(
  element: object,
  attributes: ModelAttributes,
): LoadOptions | { error: PadErrorInfo } {
  const { models, integrity, precision, threads, maxModelBytes, timeout } = attributes;
  const config = configuredModels(element, models, integrity, () =>
    bundledModels(validPrecision(element, precision)),
  );
  if ('error' in config) return config;
  return {
    models: config.models,
    threads: validNumber(element, 'threads', threads, 1, [1, 16]),
    maxModelBytes: validNumber(element, 'max-model-bytes', maxModelBytes, DEFAULT_MAX_MODEL_BYTES, [
      1,
      2 ** 31,
    ]),
    timeoutMs: validNumber(element, 'timeout', timeout, DEFAULT_TIMEOUT_MS, [100, 600_000]),
  };
}

function validPrecision(element: object, precision: Precision | null): Precision {
  if (precision == null) return DEFAULT_PRECISION;
  if (PRECISIONS.includes(precision)) return precision;
  warnOnce(
    element,
    'precision',
    `precision="${precision}" is invalid (expected ${PRECISIONS.join(' or ')}); using ${DEFAULT_PRECISION}.`,
  );
  return DEFAULT_PRECISION;
}
