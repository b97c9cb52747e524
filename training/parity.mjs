// Runs ONNX files in onnxruntime-web (wasm backend) under Node, for the Python parity check.
// Usage: node training/parity.mjs DIR
// DIR/request.json: {"count": N, "models": [{"path": "...onnx", "out": "name.f32"}]}
// DIR/images.f32: N*1*28*28 little-endian float32 in [0,1]. Writes DIR/<out>: N*K float32, K
// being the model's output width.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web/wasm';

ort.env.wasm.numThreads = 1; // no worker threads under Node; also keeps results stable

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node parity.mjs DIR');
  process.exit(2);
}
const request = JSON.parse(await readFile(join(dir, 'request.json'), 'utf8'));
const raw = await readFile(join(dir, 'images.f32'));
const images = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const n = request.count;
if (images.length !== n * 784) {
  console.error(`images.f32 holds ${images.length / 784} images, request says ${n}`);
  process.exit(2);
}
// Two uneven chunks, so the dynamic batch axis is exercised with different sizes.
const chunks = [Math.ceil(n / 3), n - Math.ceil(n / 3)];
for (const m of request.models) {
  const session = await ort.InferenceSession.create(await readFile(m.path), {
    executionProviders: ['wasm'],
  });
  const parts = [];
  let start = 0;
  for (const size of chunks) {
    const input = new ort.Tensor('float32', images.slice(start * 784, (start + size) * 784), [
      size, 1, 28, 28,
    ]);
    const out = await session.run({ input });
    const t = out.logits;
    if (t.dims.length !== 2 || t.dims[0] !== size || (parts[0] && t.dims[1] !== parts[0].dims[1])) {
      throw new Error(`${m.path}: logits shape ${t.dims}, expected [${size},K] in every batch`);
    }
    parts.push(t);
    start += size;
  }
  const logits = Float32Array.from(parts.flatMap((t) => [...t.data]));
  await writeFile(join(dir, m.out), Buffer.from(logits.buffer));
  await session.release();
}
console.log(`ort-web ${ort.env.versions?.web ?? ''}: ran ${request.models.length} models on ${n} images`);
