// A small static server for the benchmarks: serves a folder on 127.0.0.1 as the README asks a
// host to (scripts/static-headers.mjs): precompressed files when the browser accepts them, and
// the same caching headers, so a warm-cache visit really comes from the HTTP cache.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { cacheControl, contentType, negotiate } from '../../scripts/static-headers.mjs';

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
 * { path, status, encoding, bytes? } per request so a run can show what the browser fetched.
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
    const variant = negotiate(file, req.headers['accept-encoding']);
    const sent = variant?.file ?? file;
    const sentStat = variant ? statSync(sent) : stat;
    const key = `${sent}:${sentStat.size}:${sentStat.mtimeMs}`;
    let etag = etags.get(key);
    if (!etag) {
      etag = `"${createHash('sha1').update(key).digest('base64url')}"`;
      etags.set(key, etag);
    }
    const headers = {
      ...extraHeaders,
      'Content-Type': contentType(file),
      'Cache-Control': cacheControl(path),
      Vary: 'Accept-Encoding',
      ETag: etag,
      'Last-Modified': sentStat.mtime.toUTCString(),
      ...(variant ? { 'Content-Encoding': variant.encoding } : {}),
    };
    const encoding = variant?.encoding ?? 'identity';
    if (req.headers['if-none-match'] === etag) {
      log.push({ path, status: 304, encoding });
      res.writeHead(304, headers).end();
      return;
    }
    log.push({ path, status: 200, encoding, bytes: sentStat.size });
    res.writeHead(200, { ...headers, 'Content-Length': sentStat.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(sent).pipe(res);
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
