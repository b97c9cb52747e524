/**
 * Starts onnxruntime-web's WebAssembly runtime ahead of the first model. The runtime only
 * initialises (fetching and compiling its 14 MB wasm) when a first session is created, and
 * has no other public way to ask for it, so a session is created from the smallest valid
 * model and released at once. Called when the models start downloading, the wasm then
 * downloads and compiles (streaming, as the server sends it as application/wasm) beside them,
 * instead of after the first one.
 */
import * as ort from 'onnxruntime-web/wasm';

/**
 * `y = Identity(x)`, float32 `[1]`, opset 13, IR 8: 67 bytes of ONNX protobuf, written by
 * `onnx.helper.make_model` and checked by `onnx.checker`.
 */
const SMALLEST_MODEL = Uint8Array.from([
  8, 8, 18, 0, 58, 55, 10, 16, 10, 1, 120, 18, 1, 121, 34, 8, 73, 100, 101, 110, 116, 105, 116, 121,
  18, 1, 103, 90, 15, 10, 1, 120, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 98, 15, 10, 1, 121, 18,
  10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 66, 4, 10, 0, 16, 13,
]);

let started: Promise<void> | null = null;

/**
 * The runtime's initialisation, started on the first call. It rejects with the runtime's own
 * error (a wasm that cannot be fetched or compiled, e.g. under a CSP without
 * 'wasm-unsafe-eval'); a later call then starts over, and onnxruntime reports that its first
 * attempt failed, as it would without this head start.
 */
export function startRuntime(): Promise<void> {
  started ??= ort.InferenceSession.create(SMALLEST_MODEL).then(
    (session) => session.release(),
    (error: unknown) => {
      started = null;
      throw error;
    },
  );
  return started;
}
