// Transfer sizes: gzip (level 9) of what a browser downloads, file by file.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { importGraph } from '../../scripts/rollup-modulepreload.mjs';

const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const weigh = (file) => ({ raw: statSync(file).size, gzip: gzip(file) });

/** sha256 (first 16 hex digits) of each .onnx file in a folder, to tell which models ran. */
export function modelHashes(dir) {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.onnx'))
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex')
          .slice(0, 16),
      ]),
  );
}

const sum = (list) =>
  list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });

/**
 * @param site the bench site (dist/ copy and build/)
 * @param ortBundle onnxruntime-web's own ESM bundle the worker imports, for the cross-check
 */
export function measureBytes(site) {
  const dist = join(site, 'dist');
  const library = importGraph(join(dist, 'index.js'));
  const worker = weigh(join(dist, 'workers/inference.worker.js'));
  const workerNoOrt = weigh(join(site, 'build/inference.worker.no-ort.js'));
  const ortBundle = fileURLToPath(
    new URL('../../node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs', import.meta.url),
  );
  const libraryTotal = sum(library.map(weigh));
  const models = {};
  const modelDir = join(dist, 'models');
  if (existsSync(modelDir))
    for (const f of readdirSync(modelDir)
      .filter((f) => f.endsWith('.onnx'))
      .sort())
      models[f] = weigh(join(modelDir, f));
  return {
    library: {
      files: Object.fromEntries(library.map((f) => [f.slice(dist.length + 1), weigh(f)])),
      total: libraryTotal,
    },
    worker,
    workerWithoutOrt: workerNoOrt,
    ortWasmBundle: weigh(ortBundle),
    workerMinusOrtBundleGzip: worker.gzip - gzip(ortBundle),
    libraryPlusWorkerWithoutOrt: {
      raw: libraryTotal.raw + workerNoOrt.raw,
      gzip: libraryTotal.gzip + workerNoOrt.gzip,
    },
    wasm: weigh(join(dist, 'workers/ort-wasm-simd-threaded.wasm')),
    models,
  };
}
