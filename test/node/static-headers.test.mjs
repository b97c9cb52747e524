// How `npm start` (and through the same middleware, the test runner's dev server) serves the
// built dist/: precompressed files with the right Content-Encoding that decode to the very
// bytes built, wasm as application/wasm, caching headers by kind of file. Needs `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startDistServer } from '../../scripts/dist-server.mjs';
import { COMPRESSIBLE } from '../../scripts/rollup-precompress.mjs';
import { negotiate } from '../../scripts/static-headers.mjs';

const decoders = { br: brotliDecompressSync, gzip: gunzipSync, identity: (b) => b };

/** Raw GET (no automatic decoding): status, headers and body bytes as they crossed the wire. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('dist/ as built', () => {
  it('holds a .br and a .gz beside every compressible file, decoding to the same bytes', () => {
    const files = walk('dist').filter((f) => COMPRESSIBLE.test(f) && !f.startsWith('dist/types'));
    assert.ok(files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('.onnx')));
    for (const file of files) {
      const bytes = readFileSync(file);
      if (bytes.length < 200) continue; // too small to shrink; none is written
      assert.deepEqual(brotliDecompressSync(readFileSync(`${file}.br`)), bytes, `${file}.br`);
      assert.deepEqual(gunzipSync(readFileSync(`${file}.gz`)), bytes, `${file}.gz`);
    }
  });
});

describe('npm start (scripts/dist-server.mjs)', () => {
  let server;
  let url;
  before(async () => ({ server, url } = await startDistServer(0)));
  after(() => server.stop());

  const cases = [
    ['/workers/ort-wasm-simd-threaded.wasm', 'application/wasm'],
    ['/models/mlp.onnx', 'application/octet-stream'],
    ['/workers/inference.worker.js', 'text/javascript'],
    ['/demo/index.html', 'text/html'],
  ];
  for (const [path, type] of cases)
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=1', 'gzip'],
      ['', 'identity'],
    ])
      it(`${path} with Accept-Encoding "${accept}": ${encoding}, ${type}, same bytes`, async () => {
        const res = await get(url + path, accept ? { 'accept-encoding': accept } : {});
        assert.equal(res.status, 200);
        assert.equal(res.headers['content-encoding'] ?? 'identity', encoding);
        assert.match(res.headers['content-type'], new RegExp(`^${type}`));
        assert.equal(res.headers.vary, 'Accept-Encoding');
        assert.deepEqual(decoders[encoding](res.body), readFileSync(join('dist', path)));
      });

  it('caches hashed chunks for a year, other files for an hour, and revalidates pages', async () => {
    const chunk = readdirSync('dist').find((f) => /^lit-[\w-]{8,}\.js$/.test(f));
    assert.ok(chunk, 'a hashed chunk in dist/');
    const control = async (path) => (await get(url + path)).headers['cache-control'];
    assert.equal(await control(`/${chunk}`), 'public, max-age=31536000, immutable');
    assert.equal(await control('/workers/ort-wasm-simd-threaded.wasm'), 'public, max-age=3600');
    assert.equal(await control('/models/cnn.onnx'), 'public, max-age=3600');
    assert.equal(await control('/demo/index.html'), 'no-cache');
    assert.equal(await control('/demo/'), 'no-cache');
  });

  it('answers a revalidation of a compressed file with 304', async () => {
    const path = '/models/cnn.onnx';
    const first = await get(url + path, { 'accept-encoding': 'br' });
    const again = await get(url + path, {
      'accept-encoding': 'br',
      'if-none-match': first.headers.etag,
    });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
  });
});

describe('negotiate', () => {
  const wasm = 'dist/workers/ort-wasm-simd-threaded.wasm';
  it('prefers brotli, honours q=0 and *, and sends identity otherwise', () => {
    assert.equal(negotiate(wasm, 'gzip, br')?.encoding, 'br');
    assert.equal(negotiate(wasm, 'br;q=0,gzip')?.encoding, 'gzip');
    assert.equal(negotiate(wasm, '*')?.encoding, 'br');
    assert.equal(negotiate(wasm, 'identity'), null);
    assert.equal(negotiate(wasm, undefined), null);
    assert.equal(negotiate('dist/workers/inference.worker.js.map', 'br'), null);
  });
});
