// `npm run bench:lines [-- --split holdout|train] [--per-writer N] [--models "name=url …"]
//                       [--latency | --latency-only] [--without-not-ink] [--out FILE]`
// Exact-match rate of whole lines, per model, read by the product's worker (no pad): numbers
// and expressions composed from the held-out writers' own digits and symbols
// (bench/lib/lines.mjs), the numbers again with one pair of digits joined in one stroke, and
// the real lines of unipen-dev/lines.jsonl (number mode). With
// --latency, also the round trip per pen report (p50, p95) at 1, 4, 8 and 16 glyphs;
// --latency-only measures that alone. Each rate has beside it, in brackets, a 95% interval over
// another draw of writers (writers resampled whole: a writer's lines share his few samples).
// `--split train` composes from the training writers instead: that is where constants are tuned.
// "operators in context": every real operator sample of the held-out writers (holdout and site;
// with --split train, of the train and calib writers) in a short line with its writer's own
// digits ("3/5", "47=", "(29", "(4)"), read in expression mode, scored on whether that glyph
// reads as its class. "non-symbols in context": the same for each "%" and "#" ("3%7"), right when
// that glyph reads "?"; "non-symbols in a number": those lines again, read in number mode.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dropProfile, launch, newProfile } from './lib/browser.mjs';
import {
  composeInContext,
  composeLines,
  glyphPools,
  inSplit,
  inTurn,
  joinNeighbours,
  LATENCY_LENGTHS,
  latencyLines,
  NON_SYMBOLS,
  seeded,
  toPad,
} from './lib/lines.mjs';
import { notInk } from '../scripts/lib/not-ink.mjs';
import { describeBreakdown, missBreakdown } from './lib/misses.mjs';
import { ISOLATION, serve } from './lib/server.mjs';
import { prepareSite } from './lib/site.mjs';
import { clusterInterval, summary } from './lib/stats.mjs';
import { readSamples } from './lib/unipen.mjs';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'holdout' },
    'per-writer': { type: 'string', default: '25' },
    models: { type: 'string', default: 'mlp=../dist/models/mlp.onnx cnn=../dist/models/cnn.onnx' },
    data: {
      type: 'string',
      default: fileURLToPath(new URL('../../shared/datasets/unipen-dev/', import.meta.url)),
    },
    latency: { type: 'boolean', default: false },
    'latency-only': { type: 'boolean', default: false },
    out: { type: 'string', default: fileURLToPath(new URL('lines-results.json', import.meta.url)) },
    misses: { type: 'string', default: '40' },
    'without-not-ink': { type: 'boolean', default: false },
  },
});
const log = (...parts) => console.error('[bench:lines]', ...parts);
const read = (file) => readSamples(`${args.data}/${file}`);
const glyphs = { 'digits.jsonl': read('digits.jsonl'), 'symbols.jsonl': read('symbols.jsonl') };
if (args['without-not-ink']) {
  // Figures are reported on every sample; this shows what the few that are no ink cost.
  const junk = notInk(Object.values(glyphs).flat());
  for (const file in glyphs) glyphs[file] = glyphs[file].filter((s) => !junk(s));
  log('without the samples that are no ink (scripts/lib/not-ink.mjs)');
}
const data = (file) => glyphs[file] ?? read(file);

const pools = glyphPools(data('digits.jsonl'), data('symbols.jsonl'), args.split);
const heightOf = new Map(pools.map((w) => [w.key, w.height]));
const perWriter = Number(args['per-writer']);
const sets = {
  numbers: { mode: 'number', lines: composeLines(pools, 'number', perWriter, 11) },
  expressions: { mode: 'expression', lines: composeLines(pools, 'expression', perWriter, 12) },
  // Read in expression mode, whose alphabet they use: the grammar must not bend them into sums.
  'phone numbers and dates': {
    mode: 'expression',
    lines: composeLines(pools, 'formatted', perWriter, 15),
  },
};
// The numbers above, each with one pair of neighbouring digits written in one stroke.
const joining = seeded(14);
sets['joined numbers'] = {
  mode: 'number',
  lines: sets.numbers.lines.map((line) => joinNeighbours(line, joining)),
};
// Real lines: only numbers are there; their glyph height is the tallest stroke's.
const real = data('lines.jsonl').map((line) => {
  const height = Math.max(
    ...line.strokes.map((s) => Math.max(...s.map((p) => p[1])) - Math.min(...s.map((p) => p[1]))),
  );
  return {
    writer: `${line.source}/${line.writer}`,
    text: line.label,
    strokes: toPad(line.strokes, height),
  };
});
for (const set of Object.values(sets)) {
  for (const line of set.lines) line.strokes = toPad(line.strokes, heightOf.get(line.writer));
}
sets['real lines (unipen-dev)'] = { mode: 'number', lines: real };
const contextSplit = args.split === 'holdout' ? 'test' : 'fit';
const contextPools = glyphPools(data('digits.jsonl'), data('symbols.jsonl'), contextSplit);
const contextLines = composeInContext(
  contextPools,
  data('symbols.jsonl').filter(inSplit(contextSplit)),
);
const contextHeight = new Map(contextPools.map((w) => [w.key, w.height]));
for (const line of contextLines) line.strokes = toPad(line.strokes, contextHeight.get(line.writer));
sets['operators in context'] = { mode: 'expression', lines: contextLines, symbolAt: true };
// A "#" that comes apart into confident bars and crosses reads as a wrong sum, not "?".
const outsideLines = composeInContext(
  contextPools,
  data('symbols.jsonl').filter(inSplit(contextSplit)),
  16,
  NON_SYMBOLS,
);
for (const line of outsideLines) line.strokes = toPad(line.strokes, contextHeight.get(line.writer));
sets['non-symbols in context'] = { mode: 'expression', lines: outsideLines, symbolAt: true };
// And in a number ("3?7" again): number mode reads only digits, so the parts of a "%" or "#"
// would read as digits.
sets['non-symbols in a number'] = { mode: 'number', lines: outsideLines, symbolAt: true };

const models = args.models
  .trim()
  .split(/\s+/)
  .map((token) => ({
    name: token.slice(0, token.indexOf('=')),
    url: token.slice(token.indexOf('=') + 1),
  }));

/**
 * The glyphs of a miss that were split right but read wrong: their place, the true and read
 * symbols, and each model's three likeliest classes ("symbol probability").
 */
function wrongGlyphs(line, read, model) {
  // A real line knows only its text: its glyphs are taken as split right when there are as many.
  const truth = line.glyphs ?? (read.glyphs.length === line.text.length ? read.glyphs : undefined);
  if (!truth || read.glyphs.length !== truth.length) return undefined;
  const text = read.texts[model];
  return truth.flatMap((strokes, k) => {
    const same =
      JSON.stringify([...strokes].sort((a, b) => a - b)) === JSON.stringify(read.glyphs[k]);
    if (!same || text[k] === line.text[k]) return [];
    const top = Object.fromEntries(
      Object.entries(read.top[k]).map(([m, ranked]) => [
        m,
        ranked.map((entry) => {
          const [index, p] = entry.split(':');
          return `${report.classes[m][Number(index)]} ${p}`;
        }),
      ]),
    );
    return [{ at: k, truth: line.text[k], read: text[k], strokes: read.glyphs[k], top }];
  });
}

const site = await prepareSite({ name: 'lines-site', bundles: false });
const server = await serve(site, ISOLATION);
const profile = newProfile();
const browser = await launch(profile);
const report = {
  // 1-minute load average on this machine, at the start and the end of the run.
  load: { start: loadavg()[0] },
  split: args.split,
  withoutNotInk: args['without-not-ink'],
  writers: pools.length,
  models: models.map((m) => m.name),
  sets: {},
};
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => log('page error:', error.message));
  await page.goto(`${server.origin}/pages/lines.html${process.env.TUNE ?? ''}`);
  await page.waitForFunction(() => typeof window.loadModels === 'function');
  const absolute = models.map((m) => ({
    ...m,
    url: new URL(m.url, `${server.origin}/pages/`).href,
  }));
  const classes = await page.evaluate((specs) => window.loadModels(specs), absolute);
  report.classes = classes;
  for (const [name, { mode, lines, symbolAt }] of args['latency-only']
    ? []
    : Object.entries(sets)) {
    const reads = await page.evaluate(
      (strokes, mode) => window.readLines(strokes, mode),
      lines.map((l) => l.strokes),
      mode,
    );
    const exact = {};
    // 95% interval of each rate over another draw of writers (bench/lib/stats.mjs).
    const interval = {};
    const misses = {};
    // Over every miss, not only those kept: bench/lib/misses.mjs.
    const breakdown = {};
    // Composed lines know their true split: a line split wrongly is a segmentation error.
    const known = lines.filter((l) => l.glyphs);
    const split = (g) => JSON.stringify(g.map((s) => [...s].sort((a, b) => a - b)));
    const wrongSplit = known.filter(
      (l) => split(l.glyphs) !== split(reads[lines.indexOf(l)].glyphs),
    );
    for (const { name: model } of models) {
      const right = lines.map((l, i) => reads[i].texts[model] === l.text);
      exact[model] = right.filter(Boolean).length / lines.length;
      interval[model] = clusterInterval(
        lines.map((l, i) => ({ cluster: l.writer, right: right[i] })),
        seeded(97),
      );
      const missed = lines
        .map((l, i) => ({
          writer: l.writer,
          truth: l.text,
          read: reads[i].texts[model],
          split: split(reads[i].glyphs),
          true: l.glyphs && split(l.glyphs),
          wrong: wrongGlyphs(l, reads[i], model),
        }))
        .filter((m) => m.truth !== m.read);
      breakdown[model] = missBreakdown(missed);
      misses[model] = missed.slice(0, Number(args.misses));
    }
    const splitRate = known.length ? 1 - wrongSplit.length / known.length : null;
    report.sets[name] = {
      mode,
      lines: lines.length,
      exact,
      interval,
      splitRight: splitRate,
      breakdown,
      misses,
    };
    if (symbolAt) report.sets[name].symbols = symbolRates(lines, reads, models);
    if (symbolAt) {
      for (const { name: model } of models) {
        const { all, byClass } = report.sets[name].symbols[model];
        const classes = Object.entries(byClass).map(([c, r]) => `${c} ${(100 * r).toFixed(1)}%`);
        log(`${name}, ${model}: symbol right ${(100 * all).toFixed(1)}% (${classes.join(', ')})`);
      }
    }
    log(
      `${name} (${mode} mode, ${lines.length} lines):`,
      models
        .map((m) => {
          const [low, high] = interval[m.name].map((v) => (100 * v).toFixed(1));
          return `${m.name} ${(100 * exact[m.name]).toFixed(1)}% [${low}–${high}]`;
        })
        .join(', '),
      splitRate === null ? '' : `(split right: ${(100 * splitRate).toFixed(1)}%)`,
    );
    for (const { name: model } of models) {
      if (breakdown[model].lines) log(`  ${model}: ${describeBreakdown(breakdown[model])}`);
    }
  }
  if (args.latency || args['latency-only']) {
    report.latency = {};
    const lines = latencyLines(pools);
    const times = LATENCY_LENGTHS.map(() => ({ roundTrip: [], worker: [], models: [] }));
    for (const [i, line] of inTurn(lines)) {
      const t = await page.evaluate((s) => window.reportTimes(s, 'number', 3), [line]);
      for (const key of Object.keys(t)) times[i][key].push(...t[key]);
    }
    LATENCY_LENGTHS.forEach((length, i) => {
      const [trip, worker, models] = ['roundTrip', 'worker', 'models'].map((key) =>
        summary(times[i][key]),
      );
      report.latency[length] = { ...trip, worker, models };
      log(
        `latency at ${length} glyphs: p50 ${trip.p50.toFixed(2)} ms, p95 ${trip.p95.toFixed(2)} ms (${trip.n} reports); in the worker p50 ${worker.p50.toFixed(2)} ms, of which models ${models.p50.toFixed(2)} ms`,
      );
    });
    report.latency.ratio16to1 = report.latency[16].p50 / report.latency[1].p50;
    log(`p50 at 16 glyphs / p50 at 1 glyph: ${report.latency.ratio16to1.toFixed(2)} (bar 1.5)`);
  }
} finally {
  await browser.close();
  await server.close();
  dropProfile(profile);
}
report.load.end = loadavg()[0];
writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');
log(`wrote ${args.out}`);

/**
 * Per model, the share of context lines whose reading has as many glyphs as the truth and the
 * operator's class where the sample stands (what the product shows, after geometry and
 * grammar): over all lines, per class and per label as written.
 */
function symbolRates(lines, reads, models) {
  const rates = {};
  for (const { name: model } of models) {
    const right = lines.map((l, i) => {
      const text = reads[i].texts[model];
      return text.length === l.text.length && text[l.at] === l.text[l.at];
    });
    const share = (keep) => {
      const picked = right.filter((_, i) => keep(lines[i]));
      return picked.filter(Boolean).length / picked.length;
    };
    const per = (key) =>
      Object.fromEntries(
        [...new Set(lines.map(key))].sort().map((k) => [k, share((l) => key(l) === k)]),
      );
    rates[model] = {
      all: share(() => true),
      byClass: per((l) => l.text[l.at]),
      asWritten: per((l) => l.raw),
    };
  }
  return rates;
}
