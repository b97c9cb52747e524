/**
 * Files that ship beside the bundle: the worker and the default models. Paths describe the
 * `dist/` layout, where this module is bundled into a file at the root of `dist/`; the dev
 * server maps them onto the source tree (test/support/dev-server.mjs).
 *
 * Bundlers (Vite and webpack are tested in test/consumers) follow only these literal forms:
 * `new URL('./file', import.meta.url)` for an asset and
 * `new Worker(new URL('./file', import.meta.url), {type: 'module'})` for a worker to bundle.
 * So each file gets its own literal URL, written out in full, and nothing else here may take
 * that form: a bundler would copy the file raw as well.
 */
import type { ModelSpec } from './workers/protocol.js';

/** The bundled models' weights: 32-bit floats, or 8-bit integers (a quarter of the bytes). */
export type Precision = 'fp32' | 'int8';
export const PRECISIONS: readonly Precision[] = ['fp32', 'int8'];

/** The same two models in either precision, under the same names. */
export const bundledModels = (precision: Precision): ModelSpec[] =>
  precision === 'int8'
    ? [
        { name: 'mlp', url: new URL('./models/mlp.int8.onnx', import.meta.url).href },
        { name: 'cnn', url: new URL('./models/cnn.int8.onnx', import.meta.url).href },
      ]
    : [
        { name: 'mlp', url: new URL('./models/mlp.onnx', import.meta.url).href },
        { name: 'cnn', url: new URL('./models/cnn.onnx', import.meta.url).href },
      ];

/** Where the worker ships beside the library; bundlers may have moved it since. */
export const workerUrl = (): URL => new URL('workers/inference.worker.js', libraryUrl());

/** Starts the inference worker at `url`: the bundled one (see `workerUrl`) or an override. */
export function startWorker(url: URL): Worker {
  if (url.href !== workerUrl().href || crossOrigin(url)) return startWorkerAt(url);
  return new Worker(new URL('./workers/inference.worker.js', import.meta.url), {
    type: 'module',
    name: 'digit-pad-inference',
  });
}

/**
 * A module worker must come from the page's origin, so one on another origin (a CDN) starts
 * from a same-origin blob that imports it. The worker module keeps its own URL, so it finds
 * the wasm beside it (workers/wasm-location.ts); the CDN must allow CORS, as CDNs do.
 */
function startWorkerAt(url: URL): Worker {
  if (!crossOrigin(url)) return new Worker(url, { type: 'module', name: 'digit-pad-inference' });
  const source = `import ${JSON.stringify(url.href)};`;
  const blob = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(blob, { type: 'module', name: 'digit-pad-inference' });
  const revoke = () => URL.revokeObjectURL(blob);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}

/**
 * This module's own URL, read in a form bundlers leave alone. webpack turns `import.meta.url`
 * into a `file:` URL at build time; that is never cross-origin, and webpack has bundled the
 * worker then anyway.
 */
const libraryUrl = (): URL => new URL(import.meta.url);

const crossOrigin = (url: URL): boolean =>
  url.protocol.startsWith('http') && url.origin !== location.origin;
