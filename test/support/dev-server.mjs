// Serves the TypeScript source tree under the URLs the built `dist/` uses, so code that
// resolves `./workers/inference.worker.js`, `./models/…` or the wasm from import.meta.url runs
// unbundled.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumArgs as baseArgs } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function sourceTreeMiddleware(ctx, next) {
  const path = ctx.path;
  if (path.startsWith('/src/models/')) {
    ctx.url = ctx.url.replace('/src/models/', '/models/');
  } else if (path === '/src/workers/ort-wasm-simd-threaded.wasm') {
    ctx.url = '/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm';
  } else if (path.startsWith('/src/') && path.endsWith('.js') && !existsSync(root + path)) {
    if (existsSync(root + path.replace(/\.js$/, '.ts'))) {
      ctx.url = ctx.url.replace(/\.js(?=\?|$)/, '.ts');
    }
  }
  return next();
}

export { chromiumPath } from '../../scripts/chromium.mjs';

// Precise memory figures and a callable gc() for the heap checks of the lifecycle tests, and no
// back/forward cache, which would keep earlier test pages alive in the same heap.
export const chromiumArgs = [
  ...baseArgs,
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
  '--disable-features=BackForwardCache',
];

/**
 * Test-only routes: `/slow/<ms>/<path>` serves `<path>` after a delay, and `/__requests` lists
 * the slow requests seen, with `aborted: true` for those the client gave up on.
 */
const slowRequests = [];

export async function slowMiddleware(ctx, next) {
  if (ctx.path === '/__requests') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(slowRequests);
    return;
  }
  const match = ctx.path.match(/^\/slow\/(\d+)(\/.*)$/);
  if (!match) return next();
  const record = { url: ctx.url, aborted: false };
  slowRequests.push(record);
  const closed = new Promise((resolve) =>
    ctx.req.on('close', () => {
      if (!ctx.res.writableEnded) record.aborted = true;
      resolve();
    }),
  );
  await Promise.race([new Promise((resolve) => setTimeout(resolve, Number(match[1]))), closed]);
  if (record.aborted) {
    ctx.status = 204;
    return;
  }
  ctx.url = match[2];
  return next();
}
