// Composes whole lines from one writer's UNIPEN glyphs: numbers ("4071") and expressions
// ("12.5*(3-7)="), laid out as people write them (baseline, operators at mid-height, a
// writer-scaled random gap), kept at the tablet's own scale so that a "." stays a tiny dot and
// a "-" a short bar next to the digits. Symbols the writer never wrote are borrowed from other
// writers of the same split, scaled by the ratio of the two writers' digit heights.
import { partOf } from '../../scripts/lib/writers.mjs';

/** UNIPEN symbol labels as the reader's ASCII classes; "%" and "#" are not in the alphabet. */
const CLASS_OF = { x: '*', '*': '*', ':': '/', '/': '/', '+': '+', '-': '-', '=': '=' };
Object.assign(CLASS_OF, { '(': '(', ')': ')', '.': '.' });
/** Ink outside the alphabet, which the reader must flag as "?". */
export const NON_SYMBOLS = { '%': '?', '#': '?' };
const MID_HEIGHT = new Set(['+', '-', '*', '=']);

export function seeded(seed) {
  return () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

const writerKey = (s) => `${s.source}/${s.writer}`;

function bounds(strokes) {
  const points = strokes.flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  return { minX, minY, width: Math.max(...xs) - minX, height: Math.max(...ys) - minY };
}

const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];

/**
 * The writers of a bench split, as parts of scripts/lib/writers.mjs: `holdout` the hash-held-out
 * writers, `train` every other writer; `test` every held-out writer (holdout and site), `fit`
 * the writers models train or calibrate on.
 */
const SPLITS = {
  holdout: ['holdout'],
  train: ['train', 'calib', 'site'],
  test: ['holdout', 'site'],
  fit: ['train', 'calib'],
};

export const inSplit = (split) => (s) => SPLITS[split].includes(partOf(s.source, s.writer));

/** Glyph pools of one split: per writer, per class, plus each writer's digit height. */
export function glyphPools(digits, symbols, split) {
  const inPools = inSplit(split);
  const writers = new Map();
  const pool = (key) => {
    if (!writers.has(key)) writers.set(key, { key, glyphs: new Map(), heights: [] });
    return writers.get(key);
  };
  for (const s of digits.filter(inPools)) {
    const w = pool(writerKey(s));
    if (!w.glyphs.has(s.label)) w.glyphs.set(s.label, []);
    w.glyphs.get(s.label).push(s.strokes);
    w.heights.push(bounds(s.strokes).height);
  }
  for (const s of symbols.filter(inPools)) {
    const label = CLASS_OF[s.label];
    if (!label || !writers.has(writerKey(s))) continue;
    const w = writers.get(writerKey(s));
    if (!w.glyphs.has(label)) w.glyphs.set(label, []);
    w.glyphs.get(label).push(s.strokes);
  }
  for (const w of writers.values()) w.height = median(w.heights) || 1;
  return [...writers.values()].filter((w) => w.heights.length >= 20);
}

/** A random number text: 1–`maxDigits` digits, no leading zero unless it is "0". */
function numberText(random, maxDigits) {
  const n = 1 + Math.floor(random() * maxDigits);
  let text = '';
  for (let i = 0; i < n; i++)
    text += String(Math.floor(random() * (i === 0 && n > 1 ? 9 : 10)) + (i === 0 && n > 1 ? 1 : 0));
  return text;
}

/**
 * A random expression text: numbers (some decimal) joined by operators, maybe parentheses and
 * "=".
 */
function expressionText(random) {
  const operand = () => {
    const n = numberText(random, 3);
    return random() < 0.15 ? `${n}.${numberText(random, 1)}` : n;
  };
  const op = () => '+-*/'[Math.floor(random() * 4)];
  const terms = 2 + Math.floor(random() * 2);
  let text = operand();
  for (let i = 1; i < terms; i++) text += op() + operand();
  if (random() < 0.25) text = `(${text})${op()}${operand()}`;
  if (random() < 0.15) text = `-${text}`;
  return random() < 0.5 ? `${text}=` : text;
}

/**
 * A phone number or a date as people write them: no sum, though every glyph is in the
 * expression alphabet. Two of the four formats parse as arithmetic ("555-1234", "3/14/99").
 */
function formattedText(random) {
  const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const upTo = (n) => String(1 + Math.floor(random() * n));
  const formats = [
    () => `(${digits(3)})${digits(3)}-${digits(4)}`,
    () => `${digits(3)}-${digits(4)}`,
    () => `${upTo(12)}/${upTo(28)}/${digits(2)}`,
    () => `${upTo(28)}.${upTo(12)}.${digits(4)}`,
  ];
  return formats[Math.floor(random() * formats.length)]();
}

const TEXTS = { expression: expressionText, formatted: formattedText };

/** Glyph height in pad units (1 = the pad's shorter side), as a line written on a wide pad. */
const GLYPH = 0.4;

/** Scales tablet strokes so the line's glyph height is GLYPH pad units. */
export function toPad(strokes, height) {
  const s = GLYPH / height;
  return strokes.map((stroke) => stroke.map(([x, y]) => [x * s, y * s]));
}

/** Line lengths, in digits, at which the latency per pen report is measured. */
export const LATENCY_LENGTHS = [1, 4, 8, 16];

/**
 * For each of LATENCY_LENGTHS, two number lines of that many digits per writer who wrote every
 * digit, as pad strokes: the lines both latency benchmarks replay.
 */
export function latencyLines(pools) {
  const pool = pools.filter((w) => [...'0123456789'].every((d) => w.glyphs.has(d)));
  return LATENCY_LENGTHS.map((length) =>
    composeLines(pool, 'number', 2, 100 + length, length).map((l) =>
      toPad(l.strokes, pool.find((w) => w.key === l.writer).height),
    ),
  );
}

/**
 * The lines of `latencyLines(…)` in the order both latency benchmarks replay them: one of each
 * length in turn, in a rotating order, so that the machine's load changing during the run
 * weighs on every length alike. Yields [index into LATENCY_LENGTHS, line].
 */
export function* inTurn(lines) {
  for (let round = 0; round < Math.max(...lines.map((l) => l.length)); round++) {
    for (let k = 0; k < lines.length; k++) {
      const i = (round + k) % lines.length;
      if (lines[i][round]) yield [i, lines[i][round]];
    }
  }
}

/**
 * `count` lines of `kind` ('number', 'expression' or 'formatted': phone numbers and dates) per
 * writer; numbers of exactly `length` digits when it is set. Each line is
 * { writer, text, strokes: [[[x, y], …], …], glyphs: [[stroke index, …], …] } in the writer's
 * tablet units, y down, strokes in writing order (glyph by glyph), `glyphs` the true split.
 */
export function composeLines(pools, kind, count, seed = 11, length = 0) {
  const random = seeded(seed);
  const lines = [];
  for (const writer of pools) {
    for (let k = 0; k < count; k++) {
      const text =
        kind === 'number'
          ? length
            ? Array.from({ length }, () => Math.floor(random() * 10)).join('')
            : numberText(random, 8)
          : TEXTS[kind](random);
      const laid = layout(text, writer, pools, random);
      if (laid) lines.push({ writer: writer.key, text, ...laid });
    }
  }
  return lines;
}

/**
 * Where each class stands in a short line that the grammar accepts ("3(5" and "3=5" are not
 * valid lines, so the reader would rightly refuse them): "d" is one of the writer's digits, "S"
 * the sample, other characters glyphs of the writer's pool.
 */
const CONTEXT = {
  '+': 'dSd',
  '-': 'dSd',
  '*': 'dSd',
  '/': 'dSd',
  '.': 'dSd',
  '=': 'ddS',
  '(': 'Sdd',
  ')': '(dS',
  '?': 'dSd',
};

/**
 * Every real sample of `symbols` that `classOf` maps (by default the operators), whose writer
 * has a pool, written in a short line (CONTEXT) with that writer's own digits, laid out as
 * composeLines lays out lines. Each line is { writer, text, at (the sample's index in text), raw
 * (the label as written), strokes, glyphs }; text uses the reader's classes ("x" → "*", ":" →
 * "/", and "?" for NON_SYMBOLS).
 */
export function composeInContext(pools, symbols, seed = 13, classOf = CLASS_OF) {
  const random = seeded(seed);
  const byKey = new Map(pools.map((w) => [w.key, w]));
  const lines = [];
  for (const s of symbols) {
    const symbol = classOf[s.label];
    const writer = byKey.get(writerKey(s));
    if (!symbol || !writer) continue;
    const digits = [...writer.glyphs.keys()].filter((k) => /^[0-9]$/.test(k));
    const template = CONTEXT[symbol];
    const text = [...template]
      .map((c) => (c === 'd' ? pick(random, digits) : c === 'S' ? symbol : c))
      .join('');
    // This one sample stands for its class; everything else comes from the writer's pool.
    const glyphs = new Map(writer.glyphs);
    glyphs.set(symbol, [s.strokes]);
    const laid = layout(text, { ...writer, glyphs }, pools, random);
    if (laid)
      lines.push({ writer: writer.key, text, at: template.indexOf('S'), raw: s.label, ...laid });
  }
  return lines;
}

/**
 * The line with two neighbouring glyphs written without lifting the pen: the last stroke of one
 * and the first of the next become one stroke, joined by the pen's straight path between them,
 * sampled as densely as the writer's strokes.
 * The true split is then unknown to the bench (one stroke belongs to two glyphs): `glyphs` is
 * dropped, and only the text is checked.
 */
export function joinNeighbours(line, random) {
  const pairs = line.glyphs.length - 1;
  if (pairs < 1) return { ...line, glyphs: undefined };
  const k = Math.floor(random() * pairs);
  const last = Math.max(...line.glyphs[k]);
  const first = Math.min(...line.glyphs[k + 1]);
  // Glyphs are laid out stroke after stroke, so the two strokes are neighbours in writing order.
  if (first !== last + 1) throw new Error('composed glyphs out of writing order');
  const strokes = [...line.strokes];
  const [a, b] = [strokes[last], strokes[first]];
  strokes.splice(last, 2, [...a, ...between(a.at(-1), b[0], spacing(a.concat(b))), ...b]);
  return { ...line, strokes, glyphs: undefined };
}

/** The median distance between a stroke's successive points: how densely the pen was sampled. */
function spacing(points) {
  const steps = points.slice(1).map((p, i) => Math.hypot(p[0] - points[i][0], p[1] - points[i][1]));
  return median(steps.filter((d) => d > 0)) || 1;
}

/** Points from a to b (both left out), `step` apart: the pen's path between two digits. */
function between(a, b, step) {
  const n = Math.max(1, Math.round(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
  return Array.from({ length: n - 1 }, (_, i) => {
    const t = (i + 1) / n;
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  });
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function layout(text, writer, pools, random) {
  const H = writer.height;
  const strokes = [];
  const glyphs = [];
  let cursor = 0;
  for (const symbol of text) {
    let source = writer;
    if (!writer.glyphs.has(symbol)) {
      const donors = pools.filter((w) => w.glyphs.has(symbol));
      if (!donors.length) return null;
      source = pick(random, donors);
    }
    const glyph = pick(random, source.glyphs.get(symbol));
    const scale = H / source.height;
    const b = bounds(glyph);
    const [w, h] = [b.width * scale, b.height * scale];
    const top = MID_HEIGHT.has(symbol)
      ? H / 2 - h / 2
      : symbol === '.'
        ? H - h
        : H - h + (random() - 0.5) * 0.1 * H;
    const left = cursor + (cursor ? (0.15 + random() * 0.3) * H : 0);
    glyphs.push(glyph.map((_, k) => strokes.length + k));
    for (const stroke of glyph) {
      strokes.push(
        stroke.map(([x, y]) => [left + (x - b.minX) * scale, top + (y - b.minY) * scale]),
      );
    }
    cursor = left + w;
  }
  return { strokes, glyphs };
}
