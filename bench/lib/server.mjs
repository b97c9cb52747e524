// A small static server for the benchmarks: serves a folder on 127.0.0.1 with the caching
// headers a real deployment would send, so a warm-cache visit really comes from the HTTP cache.
// HTML is revalidated (no-cache + ETag → 304); everything else is fresh for an hour.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'application/jsonl',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.png': 'image/png',
};

/**
 * Headers for a cross-origin-isolated page, so that performance.now() and event timestamps have
 * 5 µs resolution instead of 100 µs: the figures measured are around a millisecond. The pad
 * runs the same either way (one wasm thread unless `threads` asks for more).
 */
export const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Starts serving `root`. Resolves with { origin, log, close }; `log` holds one
 * { path, status, bytes? } per request so a run can show what the browser fetched.
 * `extraHeaders` go on every response (e.g. COOP/COEP for a cross-origin-isolated page).
 */
export function serve(root, extraHeaders = {}) {
  const log = [];
  const etags = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    let stat;
    try {
      if (!file.startsWith(normalize(root) + sep)) throw new Error('outside root');
      stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
    } catch {
      log.push({ path, status: 404 });
      res.writeHead(404, extraHeaders).end();
      return;
    }
    const key = `${file}:${stat.size}:${stat.mtimeMs}`;
    let etag = etags.get(key);
    if (!etag) {
      etag = `"${createHash('sha1').update(key).digest('base64url')}"`;
      etags.set(key, etag);
    }
    const ext = extname(file);
    const headers = {
      ...extraHeaders,
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
      ETag: etag,
      'Last-Modified': stat.mtime.toUTCString(),
    };
    if (req.headers['if-none-match'] === etag) {
      log.push({ path, status: 304 });
      res.writeHead(304, headers).end();
      return;
    }
    log.push({ path, status: 200, bytes: stat.size });
    res.writeHead(200, { ...headers, 'Content-Length': stat.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        log,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
