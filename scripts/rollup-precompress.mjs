// Rollup plugin: writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside
// each output, so that any static host can send them as they are (nginx `brotli_static` /
// `gzip_static`, Caddy `precompressed`, Netlify, S3 with a Content-Encoding per object…) and
// `npm start` does (scripts/static-headers.mjs).
//
// Brotli at quality 11 takes tens of seconds on the 14 MB onnxruntime wasm, so results are kept
// in node_modules/.cache by content hash: a rebuild with the same wasm and models costs nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** What a browser fetches and that compresses; source maps are for DevTools only. */
export const COMPRESSIBLE = /\.(js|mjs|wasm|onnx|html|json|css|svg)$/;
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

const TEXT = /\.(js|mjs|html|json|css|svg)$/;
const CACHE = 'node_modules/.cache/digit-pad-precompress';
const brotli = promisify(brotliCompress);
const deflate = promisify(gzip);

const compressors = {
  br: (bytes, file) =>
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        // The largest window every browser decodes (16 MiB); it matters for the 14 MB wasm.
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_MODE]: TEXT.test(file)
          ? constants.BROTLI_MODE_TEXT
          : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes) => deflate(bytes, { level: 9 }),
};

async function compress(encoding, bytes, file) {
  const key = createHash('sha256').update(bytes).digest('hex');
  const cached = join(CACHE, `${key}.${encoding}`);
  if (existsSync(cached)) return readFileSync(cached);
  const packed = await compressors[encoding](bytes, file);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cached, packed);
  return packed;
}

export function precompress() {
  return {
    name: 'digit-pad-precompress',
    async writeBundle({ dir }, bundle) {
      const jobs = [];
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        // The bytes as written, source-map comment included.
        const bytes = readFileSync(join(dir, fileName));
        for (const { name, suffix } of ENCODINGS)
          jobs.push(
            compress(name, bytes, fileName).then((packed) => {
              // A host picks the smallest it may send; a file that does not shrink has none.
              if (packed.length < bytes.length) writeFileSync(join(dir, fileName + suffix), packed);
            }),
          );
      }
      await Promise.all(jobs);
    },
  };
}
