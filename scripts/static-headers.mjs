// How dist/ should be served, in one place: `npm start` and the test runner's dev server use
// the koa middleware below, the benchmarks' server the same functions, and the README's
// hosting section says the same in words.
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { ENCODINGS } from './rollup-precompress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  // WebAssembly.instantiateStreaming refuses anything else.
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
};

export const contentType = (path) => TYPES[extname(path)] ?? 'application/octet-stream';

/** Rollup's `[name]-[hash].js` chunks: a new content gets a new name. */
const HASHED = /-[\w-]{8,}\.js$/;

/**
 * Pages are revalidated on every visit, so a new release is seen at once. Hashed chunks never
 * change. Everything else keeps a stable name across releases (the entry modules, the worker,
 * the wasm and the models are part of the package's public layout), so it is cached for an
 * hour and then revalidated with its ETag: a repeat visit within the hour asks for nothing but
 * the page, a later one gets 304s. Serve dist/ under a versioned path (as a CDN does:
 * `/digit-pad@0.1.0/dist/`) to make those immutable too.
 */
export function cacheControl(path) {
  if (path.endsWith('.html') || path.endsWith('/')) return 'no-cache';
  if (HASHED.test(path)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/** Encodings the request accepts (q > 0), from its Accept-Encoding header. */
function accepted(header = '') {
  const names = new Set();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) names.add(name);
  }
  return names;
}

/**
 * The precompressed sibling of `file` to send for this Accept-Encoding, brotli first:
 * `{ file, encoding }`, or null to send `file` as it is.
 */
export function negotiate(file, acceptEncoding) {
  const ok = accepted(acceptEncoding);
  for (const { name, suffix } of ENCODINGS)
    if ((ok.has(name) || ok.has('*')) && existsSync(file + suffix))
      return { file: file + suffix, encoding: name };
  return null;
}

/**
 * Koa middleware for @web/dev-server: files under `root` (served at `urlPrefix`) go out
 * precompressed when the client accepts it, with their own Content-Type, `Vary:
 * Accept-Encoding`, and the cache policy above. The dev server's own ETag/304 handling applies
 * to the file actually sent.
 */
export function staticHeaders({ root, urlPrefix = '/' }) {
  const base = normalize(root);
  return async (ctx, next) => {
    if (!ctx.path.startsWith(urlPrefix) || !['GET', 'HEAD'].includes(ctx.method)) return next();
    const path = ctx.path.endsWith('/') ? `${ctx.path}index.html` : ctx.path;
    const file = normalize(join(base, path.slice(urlPrefix.length)));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile())
      return next();
    const variant = negotiate(file, ctx.get('accept-encoding'));
    if (variant) ctx.path = path + variant.file.slice(file.length);
    await next();
    if (ctx.status !== 200 && ctx.status !== 304) return;
    ctx.set('Cache-Control', cacheControl(path));
    ctx.set('Vary', 'Accept-Encoding');
    if (ctx.status === 200) {
      ctx.type = contentType(path);
      if (variant) ctx.set('Content-Encoding', variant.encoding);
    }
  };
}
