// Renders pen trajectories (UNIPEN JSON Lines) into 28×28 training images with the widget's own
// preprocessing (src/workers/preprocess.ts, bundled on the fly), so the models can learn from real
// pen ink exactly as the worker will show it to them.
//
//   node scripts/pen-data.mjs [--data FILE.jsonl ...] [--split PART] [--compose]
//                             [--npz OUT.npz] [--jsonl OUT.jsonl [--per-digit N]]
//
// Every writer belongs to one part, decided here and nowhere else:
//   holdout  a hash of "site/writer" puts 20 % of the writers here (the 16 digit writers that
//            today's pen figures are measured on);
//   site     every other writer of the held-out sites (HELDOUT_SITES): a leave-site-out test;
//   calib    a second hash bucket (10 %) of the remaining writers: never trained on, used to
//            calibrate the reject threshold;
//   train    the rest.
// Samples of the train part that are no pen ink (scripts/lib/not-ink.mjs) are left out.
// `--split` takes one part, `test` (holdout + site) or `all`. The npz holds `images` (uint8
// [N,28,28], ink = 255); OUT.json beside it holds, per sample, its raw `labels` (as written:
// "x", ":", "%", ...), `parts`, `sources` and `writers`. Mapping raw labels to model classes
// is the training code's job (training/classes.py).
//
// `--compose` adds ink composed from the part's own real strokes (scripts/lib/compose.mjs);
// `--flagged-ones` adds composed flagged "1"s to it (tried, not in any shipped model);
// `--jitter-strokes` adds, to the train part only, its glyphs of several strokes with each
// stroke moved a little.
// `--per-digit N` keeps a seeded sample of N per label, at most two per writer and label: that
// is how test/fixtures/unipen/ is made.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { compose, seeded } from './lib/compose.mjs';
import { notInk } from './lib/not-ink.mjs';
import { PARTS, partOf } from './lib/writers.mjs';

const SPLITS = {
  ...Object.fromEntries(PARTS.map((p) => [p, [p]])),
  test: ['holdout', 'site'],
  all: PARTS,
};

const { values: args } = parseArgs({
  options: {
    data: {
      type: 'string',
      multiple: true,
      default: ['../shared/datasets/unipen-dev/digits.jsonl'],
    },
    split: { type: 'string', default: 'train' },
    compose: { type: 'boolean', default: false },
    'flagged-ones': { type: 'boolean', default: false },
    'jitter-strokes': { type: 'boolean', default: false },
    npz: { type: 'string' },
    jsonl: { type: 'string' },
    'per-digit': { type: 'string' },
  },
});
if (!(args.split in SPLITS)) throw new Error(`--split ${args.split}? (${Object.keys(SPLITS)})`);

let read = [];
for (const file of args.data) {
  if (!existsSync(file)) {
    console.error(
      `pen-data: no pen data at ${file} (looked for it from ${process.cwd()}); pass --data FILE.jsonl`,
    );
    process.exit(2);
  }
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const s = JSON.parse(line);
    s.part = partOf(s.source, s.writer);
    read.push(s);
  }
}
// Samples that are no ink are no lesson: they are left out of training. Every test part keeps
// them, as the corpus's README asks (figures are reported on all its samples).
const junk = notInk(read);
const dropped = read.filter((s) => s.part === 'train' && junk(s));
let samples = read.filter((s) => SPLITS[args.split].includes(s.part) && !dropped.includes(s));
const writers = new Set(samples.map((s) => `${s.source}/${s.writer}`));
console.log(`${args.split}: ${samples.length} samples from ${writers.size} writers (${args.data})`);
if (SPLITS[args.split].includes('train')) {
  console.log(
    `left out of training ${dropped.length} samples that are no ink (scripts/lib/not-ink.mjs): ` +
      dropped.map((s) => `${s.id} "${s.label}"`).join(', '),
  );
}

if (args['per-digit']) samples = sample(samples, Number(args['per-digit']));
if (args.compose) {
  // Each part composes from its own ink only, so no writer's strokes cross into another part.
  const composed = PARTS.flatMap((part) =>
    compose(
      samples.filter((s) => s.part === part),
      // Jittered strokes are a training augmentation: only the train part gets them.
      { flaggedOnes: args['flagged-ones'], jitter: args['jitter-strokes'] && part === 'train' },
    ),
  );
  const count = (label) => composed.filter((s) => s.label === label).length;
  console.log(
    `composed ${count('÷')} "÷", ${count('scribble')} scribbles, ${count('flagged 1')} flagged "1"s, ` +
      `${composed.filter((s) => s.label.startsWith('jittered ')).length} jittered glyphs`,
  );
  samples = [...samples, ...composed];
}

if (args.jsonl) {
  writeFileSync(args.jsonl, samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  console.log(`wrote ${args.jsonl}`);
}

if (args.npz) {
  const dir = mkdtempSync(join(tmpdir(), 'pen-data-'));
  const outfile = join(dir, 'preprocess.mjs');
  await build({
    entryPoints: ['src/workers/preprocess.ts'],
    bundle: true,
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  const { preprocess } = await import(outfile);
  const images = new Uint8Array(samples.length * 784);
  samples.forEach((sample, k) => {
    const count = sample.strokes.reduce((n, stroke) => n + stroke.length, 0);
    const points = new Float32Array(count * 2);
    const ends = new Uint32Array(sample.strokes.length);
    let i = 0;
    sample.strokes.forEach((stroke, s) => {
      for (const [x, y] of stroke) points.set([x, y], 2 * i++);
      ends[s] = i;
    });
    const input = preprocess({ points, ends });
    if (input) for (let p = 0; p < 784; p++) images[k * 784 + p] = Math.round(input[p] * 255);
  });
  mkdirSync(dirname(args.npz), { recursive: true });
  writeFileSync(args.npz, npz({ images: npy(images, [samples.length, 28, 28]) }));
  const meta = {
    labels: samples.map((s) => s.label),
    parts: samples.map((s) => s.part),
    sources: samples.map((s) => s.source),
    writers: samples.map((s) => s.writer),
  };
  writeFileSync(args.npz.replace(/\.npz$/, '') + '.json', JSON.stringify(meta));
  console.log(`wrote ${args.npz} and its .json`);
}

/** A seeded pick of `perDigit` samples per digit, at most two per writer and digit. */
function sample(all, perDigit) {
  const random = seeded(20261121);
  const shuffled = all
    .map((s) => [random(), s])
    .sort((a, b) => a[0] - b[0])
    .map(([, s]) => s);
  const taken = new Map();
  return shuffled.filter((s) => {
    const digit = `${s.label}`;
    const writer = `${s.label}/${s.source}/${s.writer}`;
    const n = taken.get(digit) ?? 0;
    const w = taken.get(writer) ?? 0;
    if (n >= perDigit || w >= 2) return false;
    taken.set(digit, n + 1).set(writer, w + 1);
    return true;
  });
}

/** A .npy file holding uint8 data. */
function npy(data, shape) {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((header.length + 10) % 64)) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head.writeUInt8(1, 6);
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data)]);
}

/** An uncompressed ZIP archive, which is what numpy's np.load reads as .npz. */
function npz(arrays) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, body] of Object.entries(arrays)) {
    const file = Buffer.from(`${name}.npy`);
    const crc = crc32(body);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(file.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(file.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, file, body);
    centrals.push(central, file);
    offset += local.length + file.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(arrays).length, 8);
  end.writeUInt16LE(Object.keys(arrays).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
