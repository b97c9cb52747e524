// `npm run bench:reader [-- --rounds N] [--models "name=path …"] [--out FILE]`
// The worker's own work per pen report, at 1, 4, 8 and 16 glyphs: the product's line reader
// (src/workers/read-line.ts) and model set, with the real models on onnxruntime-web's
// WebAssembly backend, run in this Node process. It replays the same lines as
// `bench:lines --latency` the same way (a line without its last stroke, untimed, then that
// stroke growing 3 points per report, each report timed), but with no browser, worker thread or
// message in between: what is left is the reader's own cost, so the ratio of the 16-glyph p50 to
// the 1-glyph p50 is far less noisy than the round trip's on a shared machine. It does not
// replace that round trip, which is what a user waits for (bench/README.md).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { glyphPools, inTurn, LATENCY_LENGTHS, latencyLines } from './lib/lines.mjs';
import { summary } from './lib/stats.mjs';
import { readSamples } from './lib/unipen.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    models: { type: 'string', default: 'mlp=../models/mlp.onnx cnn=../models/cnn.onnx' },
    data: { type: 'string', default: here('../../shared/datasets/unipen-dev/') },
    out: { type: 'string', default: here('reader-results.json') },
  },
});
const log = (...parts) => console.error('[bench:reader]', ...parts);

// The reader and model set as the worker bundles them, from source; onnxruntime-web stays a
// package import, so that it finds its own .wasm beside it.
const bundle = here('out/reader/reader.mjs');
await build({
  stdin: {
    contents: `export { LineReader } from '../src/workers/read-line.ts';
      export { ModelSet, configureRuntime } from '../src/workers/model-set.ts';
      export { packInk } from '../src/ink/ink.ts';`,
    resolveDir: here('.'),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  external: ['onnxruntime-web', 'onnxruntime-web/*'],
  outfile: bundle,
  logLevel: 'error',
});
const { LineReader, ModelSet, configureRuntime, packInk } = await import(bundle);

// Model files as data: URLs, which Node's fetch reads: the model set loads them as it would
// over the network, checks included.
const specs = args.models.split(/\s+/).map((pair) => {
  const [name, path] = pair.split('=');
  const bytes = readFileSync(new URL(path, import.meta.url));
  return { name, url: `data:application/octet-stream;base64,${bytes.toString('base64')}` };
});
configureRuntime(1);
const set = await ModelSet.load(specs, 5e7, new AbortController().signal);

const data = (file) => readSamples(`${args.data}/${file}`);
const lines = latencyLines(glyphPools(data('digits.jsonl'), data('symbols.jsonl'), 'holdout'));

const reader = new LineReader();
let firstId = 0;
/** Strokes of [x, y] pairs packed as the pad packs them, with the given ids. */
const pack = (strokes, ids) =>
  packInk(
    strokes.map((stroke) => stroke.map(([x, y]) => ({ x, y }))),
    { ids, times: strokes.flatMap((_, k) => [k * 300, k * 300 + 200]) },
  );

/** One line replayed as in bench:lines; per report, the reader's time and the models' share. */
async function replay(strokes, into) {
  const ids = strokes.map(() => firstId++);
  const last = strokes[strokes.length - 1];
  await reader.read(pack(strokes.slice(0, -1), ids.slice(0, -1)), 'number', set);
  for (let n = Math.min(3, last.length); ; n = Math.min(n + 3, last.length)) {
    const ink = pack([...strokes.slice(0, -1), last.slice(0, n)], ids);
    const start = performance.now();
    const line = await reader.read(ink, 'number', set);
    into.total.push(performance.now() - start);
    into.models.push(Object.values(line.ms).reduce((a, b) => a + b, 0));
    if (n === last.length) break;
  }
}

const load = [loadavg()[0]];
const times = LATENCY_LENGTHS.map(() => ({ total: [], models: [] }));
const rounds = Number(args.rounds);
for (let r = 0; r < rounds; r++) {
  for (const [i, line] of inTurn(lines)) await replay(line, times[i]);
}
load.push(loadavg()[0]);

const report = { date: new Date().toISOString(), node: process.version, rounds, load };
LATENCY_LENGTHS.forEach((length, i) => {
  const [total, models] = [summary(times[i].total), summary(times[i].models)];
  report[length] = { ...total, models };
  log(
    `${length} glyphs: p50 ${total.p50.toFixed(3)} ms, p95 ${total.p95.toFixed(3)} ms (${total.n} reports), of which models p50 ${models.p50.toFixed(3)} ms`,
  );
});
report.ratio16to1 = report[16].p50 / report[1].p50;
log(`p50 at 16 glyphs / p50 at 1 glyph: ${report.ratio16to1.toFixed(2)} (bar 1.5)`);
writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
await set.release();
