// `npm run bench:load [-- --runs 3] [--profiles a,b] [--dist DIR] [--out FILE]`
// What a visitor waits for: navigation → `ready` and → first prediction, empty and warm cache,
// on named links emulated by Chromium, with every request of the page and of its worker.
// `npm run bench` runs the same measurement (loadBench) as its cold-start section.
// Methods: bench/README.md, "Loading".
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { dropProfile, launch, newProfile } from './lib/browser.mjs';
import { printLoad } from './lib/load-table.mjs';
import { gitCommit } from './lib/machine.mjs';
import { instrument, PROFILES } from './lib/network.mjs';
import { serve } from './lib/server.mjs';
import { prepareSite } from './lib/site.mjs';
import { median, summary } from './lib/stats.mjs';

const PROBE = `${readFileSync(new URL('pages/probe.js', import.meta.url), 'utf8')}\n//# sourceURL=bench-probe.js`;

/** The bench page holding the pad alone, on the bundled models in `precision`. */
export const precisionPage = (precision) =>
  `pages/pad.html?models=${encodeURIComponent(
    ['mlp', 'cnn']
      .map((m) => `${m}=../dist/models/${m}${precision === 'int8' ? '.int8' : ''}.onnx`)
      .join(' '),
  )}`;

/**
 * What is opened: the shipped dashboard on every link, and the pad alone with each precision's
 * models on the phone link (the default precision is chosen on it).
 */
export const PAGES = [
  { name: 'dashboard', path: 'dist/demo/index.html', profiles: Object.keys(PROFILES) },
  { name: 'pad, fp32 models', path: precisionPage('fp32'), profiles: ['phone-9mbps-150ms'] },
  { name: 'pad, int8 models', path: precisionPage('int8'), profiles: ['phone-9mbps-150ms'] },
  // The floor under all of it: onnxruntime-web alone starting and running both models once.
  { name: 'bare runtime, int8', path: 'pages/runtime-load.html', profiles: ['localhost'] },
];

/**
 * One visit: a browser on `dir` (its disk cache survives between visits), closed after. The
 * worker's own script is fetched by the browser process before the worker's target exists, so
 * CDP sees the request but not its response: its size comes from the server's log.
 */
async function visit(dir, server, path, link) {
  const url = `${server.origin}/${path}`;
  const served = server.log.length;
  const browser = await launch(dir);
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(PROBE);
    const net = await instrument(page, link);
    await page.goto(url);
    await page.waitForFunction(() => window.__probe.predictions.length > 0, {
      timeout: 120000,
      polling: 20,
    });
    const probe = await page.evaluate(() => ({
      ready: window.__probe.ready,
      firstPrediction: window.__probe.predictions[0].t,
    }));
    const log = server.log.slice(served);
    const requests = net.requests.map((r) => {
      const path = r.url.startsWith(server.origin) ? r.url.slice(server.origin.length) : r.url;
      if (r.bytes != null || r.error) return { ...r, path };
      const answer = log.find((l) => l.path === path);
      return answer
        ? { ...r, path, status: answer.status, encoding: answer.encoding, bytes: answer.bytes ?? 0 }
        : { ...r, path, fromCache: true, bytes: 0 };
    });
    return {
      readyMs: probe.ready.t,
      firstPredictionMs: probe.firstPrediction,
      workerLoadMs: probe.ready.loadMs,
      models: probe.ready.models,
      requests: requests.length,
      fromCache: requests.filter((r) => r.fromCache).length,
      bytes: requests.reduce((n, r) => n + (r.bytes ?? 0), 0),
      files: requests,
    };
  } finally {
    await browser.close();
  }
}

/** The run at the median time to ready (the upper one of an even count). */
const medianRun = (runs) => runs.toSorted((a, b) => a.readyMs - b.readyMs)[runs.length >> 1];

const describe = (runs) => ({
  ready: summary(runs.map((r) => r.readyMs)),
  firstPrediction: summary(runs.map((r) => r.firstPredictionMs)),
  requests: median(runs.map((r) => r.requests)),
  bytes: median(runs.map((r) => r.bytes)),
  // Per-file detail of the median run, without the URL's origin.
  files: medianRun(runs).files.map((f) => {
    const copy = { ...f };
    delete copy.url;
    return copy;
  }),
  runs: runs.map((r) => ({ ...r, files: undefined })),
});

/**
 * Each page on each of its links, `runs` times: an empty cache (a new profile), then a warm one
 * (a new browser on the same profile).
 */
export async function loadBench({ server, runs = 3, profiles = Object.keys(PROFILES), log }) {
  const results = [];
  for (const page of PAGES) {
    for (const name of page.profiles.filter((p) => profiles.includes(p))) {
      const visits = { empty: [], warm: [] };
      for (let i = 0; i < runs; i++) {
        const dir = newProfile();
        try {
          for (const kind of ['empty', 'warm'])
            visits[kind].push(await visit(dir, server, page.path, PROFILES[name]));
        } finally {
          dropProfile(dir);
        }
      }
      log?.(
        `${page.name} on ${name}: ready ${median(visits.empty.map((v) => v.readyMs)).toFixed(0)} ms empty, ` +
          `${median(visits.warm.map((v) => v.readyMs)).toFixed(0)} ms warm`,
      );
      results.push({
        page: page.name,
        path: page.path,
        profile: name,
        link: PROFILES[name],
        empty: describe(visits.empty),
        warm: describe(visits.warm),
      });
    }
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values: args } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      profiles: { type: 'string', default: Object.keys(PROFILES).join(',') },
      dist: { type: 'string' },
      out: {
        type: 'string',
        default: fileURLToPath(new URL('load-results.json', import.meta.url)),
      },
    },
  });
  const log = (...parts) => console.error('[bench:load]', ...parts);
  const site = await prepareSite({
    ...(args.dist ? { dist: args.dist } : {}),
    name: 'site-load',
  });
  const server = await serve(site);
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const load = await loadBench({
    server,
    runs: Number(args.runs),
    profiles: args.profiles.split(','),
    log,
  });
  await server.close();
  const results = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    loadAverage1m: { start: loadAtStart, end: loadavg()[0] },
    durationS: (performance.now() - started) / 1000,
    load,
  };
  writeFileSync(args.out, await format(JSON.stringify(results), { parser: 'json' }));
  printLoad(load);
  log(`wrote ${args.out}`);
}
