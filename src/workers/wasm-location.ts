/**
 * Names onnxruntime's wasm binary with the literal `new URL('./file', import.meta.url)` that
 * bundlers follow, so they ship it with the worker they bundle, and so that a worker started from
 * a blob (library on a CDN) still finds it beside the worker module. The dist layout puts it
 * beside the worker bundle; the dev server maps it onto node_modules (test/support/dev-server.mjs).
 */
import { env } from 'onnxruntime-web/wasm';

env.wasm.wasmPaths = { wasm: new URL('./ort-wasm-simd-threaded.wasm', import.meta.url).href };
