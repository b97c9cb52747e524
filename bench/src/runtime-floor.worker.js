// Baseline 2, the runtime floor: a bare loop of session.run on the same models, in a worker,
// with the same runtime settings as the product's worker (wasm, 1 thread, its session options),
// on real 28×28 inputs captured from the pad. Nothing else: no preprocessing, no
// messages, no softmax. Bundled by bench/lib/site.mjs into build/runtime-floor.worker.js.
import * as ort from 'onnxruntime-web/wasm';
import { modelClasses, sessionOptions } from '../../src/workers/model-classes.ts';

ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;

self.onmessage = async ({ data }) => {
  try {
    self.postMessage(await measure(data));
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};

async function measure({ wasm, models, inputs, warmup, iterations, gapMs = 0 }) {
  ort.env.wasm.wasmPaths = { wasm };
  const sessions = [];
  for (const { name, url } of models) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const session = await ort.InferenceSession.create(
      bytes,
      sessionOptions(modelClasses(name, bytes)),
    );
    sessions.push({ name, session, input: session.inputNames[0] });
  }
  const tensors = inputs.map(
    (values) => new ort.Tensor('float32', Float32Array.from(values), [1, 1, 28, 28]),
  );
  const ms = Object.fromEntries(sessions.map(({ name }) => [name, []]));
  const all = [];
  for (let i = 0; i < warmup + iterations; i++) {
    // Warm-up runs back to back; measured runs may idle first.
    if (gapMs > 0 && i >= warmup) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const tensor = tensors[i % tensors.length];
    const start = performance.now();
    for (const { name, session, input } of sessions) {
      const t = performance.now();
      await session.run({ [input]: tensor });
      if (i >= warmup) ms[name].push(performance.now() - t);
    }
    if (i >= warmup) all.push(performance.now() - start);
  }
  await Promise.all(sessions.map(({ session }) => session.release()));
  return { ms, all };
}
