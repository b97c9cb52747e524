// `npm run bench:pen [-- --data FILE.jsonl] [--limit N] [--models "name=url …"] [--out FILE]`
// Replays pen trajectories through the real <digit-pad> (served from a copy of dist/) as trusted
// pen input in headless Chromium, one sample at a time: fit into the pad with a margin keeping
// the aspect ratio, draw, wait for the settled prediction, clear. Reports per-model accuracy,
// per-digit accuracy and confusion matrices, writes JSON, and ends with exactly one line
// `pen accuracy: <model> <pct>% … (<N> samples)`.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format } from 'prettier';
import { dropProfile, launch, newProfile } from './lib/browser.mjs';
import { modelHashes } from './lib/bytes.mjs';
import { machine } from './lib/machine.mjs';
import { penSchedule, replay } from './lib/input.mjs';
import { serve } from './lib/server.mjs';
import { prepareSite } from './lib/site.mjs';
import { summary } from './lib/stats.mjs';
import { defaultDigits, fitStrokes, readSamples } from './lib/unipen.mjs';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    limit: { type: 'string' },
    models: { type: 'string' },
    dist: { type: 'string' },
    hz: { type: 'string', default: 'Infinity' },
    margin: { type: 'string', default: '0.15' },
    out: { type: 'string', default: fileURLToPath(new URL('pen-results.json', import.meta.url)) },
  },
});
const DATA = args.data ?? defaultDigits();
const samples = readSamples(DATA).slice(0, args.limit ? Number(args.limit) : undefined);
const log = (...parts) =>
  console.error(`[bench:pen ${(performance.now() / 1000).toFixed(0)} s]`, ...parts);

const site = await prepareSite({
  name: 'pen-site',
  bundles: false,
  ...(args.dist && { dist: args.dist }),
});

/**
 * --models tokens are name=url. A url that names a file on disk is copied into the served site;
 * any other relative url is resolved against dist/ (so `models/mlp.int8.onnx` is the shipped
 * int8 MLP).
 */
function modelsAttribute(value) {
  if (!value) return null;
  mkdirSync(`${site}/extra`, { recursive: true });
  return value
    .trim()
    .split(/\s+/)
    .map((token) => {
      const eq = token.indexOf('=');
      const [name, url] = [token.slice(0, eq), token.slice(eq + 1)];
      if (existsSync(url)) {
        copyFileSync(url, `${site}/extra/${basename(url)}`);
        return `${name}=../extra/${basename(url)}`;
      }
      return /^([a-z]+:|\/|\.\.?\/)/i.test(url) ? token : `${name}=../dist/${url}`;
    })
    .join(' ');
}

const started = performance.now();
const loadAtStart = loadavg();
const models = modelsAttribute(args.models);
const server = await serve(site);
const profile = newProfile();
process.on('exit', () => dropProfile(profile));
const browser = await launch(profile);
const page = await browser.newPage();
// The model names, in pipeline order, as the pad announces them once loaded.
await page.evaluateOnNewDocument(() =>
  window.addEventListener('ready', (e) => (window.__models ??= e.detail.models), true),
);
const query = models ? `?models=${encodeURIComponent(models)}` : '';
await page.goto(`${server.origin}/pages/pad.html${query}`);
await page.waitForFunction(() => window.__bench);
const names = await page.evaluate(async () => {
  await window.__bench.ready();
  return window.__models;
});
const cdp = await page.createCDPSession();
const rect = await page.evaluate(() => {
  const r = window.__bench.surface().getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
});

const emptyMatrix = () => Array.from({ length: 10 }, () => new Array(10).fill(0));
const confusion = Object.fromEntries(names.map((n) => [n, emptyMatrix()]));
const modelMs = Object.fromEntries(names.map((n) => [n, []]));
const pipelineMs = [];
// Per UNIPEN site (source): samples and correct answers per model.
const bySource = {};
// Every sample some model got wrong, for whoever looks at the models next.
const misses = [];
let unanswered = 0;
log(
  `${samples.length} samples from ${DATA}; models ${names.join(', ')}${models ? ` (${models})` : ''}`,
);
const hz = Number(args.hz);
for (const [i, sample] of samples.entries()) {
  const strokes = fitStrokes(sample.strokes, rect, Number(args.margin));
  await replay(cdp, penSchedule(strokes, { hz, penUpMs: 120 }));
  const result = await page.evaluate(async () => {
    const detail = await window.__bench.settled();
    window.__bench.clear();
    if (!detail || detail.blank) return null;
    const labels = {};
    const ms = {};
    for (const [name, r] of Object.entries(detail.results)) {
      labels[name] = r.label;
      ms[name] = r.ms;
    }
    return { labels, ms, totalMs: detail.timings.totalMs };
  });
  const truth = Number(sample.label);
  const site = (bySource[sample.source ?? '?'] ??= {
    n: 0,
    correct: Object.fromEntries(names.map((m) => [m, 0])),
  });
  site.n++;
  if (!result) {
    unanswered++;
    misses.push({ id: sample.id, label: truth, predicted: null });
  } else {
    for (const n of names) {
      confusion[n][truth][result.labels[n]]++;
      modelMs[n].push(result.ms[n]);
      if (result.labels[n] === truth) site.correct[n]++;
    }
    pipelineMs.push(result.totalMs);
    if (names.some((n) => result.labels[n] !== truth))
      misses.push({ id: sample.id, label: truth, predicted: result.labels });
  }
  if ((i + 1) % 500 === 0) log(`${i + 1} / ${samples.length}`);
}
const browserVersion = await browser.version();
await browser.close();
dropProfile(profile);
await server.close();

const n = samples.length;
const pct = (correct, total) => (total ? (100 * correct) / total : null);
const diagonal = (m) => m.reduce((sum, row, d) => sum + row[d], 0);
const accuracy = Object.fromEntries(names.map((name) => [name, pct(diagonal(confusion[name]), n)]));
const perDigit = Object.fromEntries(
  names.map((name) => [
    name,
    Object.fromEntries(
      confusion[name].map((row, d) => {
        const total = samples.filter((s) => Number(s.label) === d).length;
        return [d, { n: total, correct: row[d], pct: pct(row[d], total) }];
      }),
    ),
  ]),
);

const results = {
  date: new Date().toISOString(),
  machine: machine({ browser: browserVersion, loadAtStart }),
  data: DATA,
  samples: n,
  unanswered,
  models: models ?? 'bundled defaults (dist/models/mlp.onnx, dist/models/cnn.onnx)',
  modelNames: names,
  modelFiles: { ...modelHashes(`${site}/dist/models`), ...modelHashes(`${site}/extra`) },
  input: {
    pointerType: 'pen',
    margin: Number(args.margin),
    hz,
    pad: `${rect.width}×${rect.height} CSS px`,
  },
  accuracy,
  perDigit,
  perSource: Object.fromEntries(
    Object.entries(bySource)
      .sort()
      .map(([source, { n: count, correct }]) => [
        source,
        {
          n: count,
          pct: Object.fromEntries(names.map((m) => [m, pct(correct[m], count)])),
        },
      ]),
  ),
  confusion,
  workerMs: {
    note: 'settled prediction of each sample, measured in the worker',
    models: Object.fromEntries(names.map((name) => [name, summary(modelMs[name])])),
    pipeline: summary(pipelineMs),
  },
  durationS: (performance.now() - started) / 1000,
  misses,
};
writeFileSync(args.out, await format(JSON.stringify(results), { parser: 'json' }));

for (const name of names) {
  console.log(`\n${name}: ${accuracy[name].toFixed(2)}% of ${n}; per digit:`);
  console.log(
    `  ${Object.entries(perDigit[name])
      .map(([d, v]) => `${d}: ${v.pct?.toFixed(1)}%`)
      .join('  ')}`,
  );
  console.log('  confusion (rows: true digit, columns: predicted)');
  console.log(`      ${[...Array(10).keys()].map((d) => String(d).padStart(5)).join('')}`);
  confusion[name].forEach((row, d) =>
    console.log(`  ${String(d).padStart(3)} ${row.map((v) => String(v).padStart(5)).join('')}`),
  );
  const ms = results.workerMs.models[name];
  console.log(`  worker ms p50 ${ms.p50?.toFixed(3)} p95 ${ms.p95?.toFixed(3)}`);
}
console.log(
  `\npipeline ms p50 ${results.workerMs.pipeline.p50?.toFixed(3)} p95 ${results.workerMs.pipeline.p95?.toFixed(3)}; unanswered ${unanswered}`,
);
log(`wrote ${args.out} in ${results.durationS.toFixed(0)} s`);
console.log(
  `pen accuracy: ${names.map((name) => `${name} ${accuracy[name].toFixed(2)}%`).join(' ')} (${n} samples)`,
);
