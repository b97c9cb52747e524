import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { packInk, unpackInk, type Ink, type PackedInk } from '../src/ink/ink.js';
import { preprocess, SIDE } from '../src/workers/preprocess.js';
import { bar, loop, transform } from './support/ink-fixtures.js';
import { referencePreprocess } from './support/preprocess-reference.js';

const SEVEN: Ink = [
  [
    { x: -0.2, y: -0.25 },
    { x: 0.2, y: -0.25 },
    { x: 0.05, y: 0.05 },
    { x: -0.05, y: 0.3 },
  ],
];

function input(ink: Ink): Float32Array {
  const result = preprocess(packInk(ink));
  if (!result) throw new Error('expected ink');
  return result;
}

function centreOfMass(image: Float32Array): [number, number] {
  let m = 0;
  let x = 0;
  let y = 0;
  image.forEach((v, i) => {
    m += v;
    x += v * ((i % SIDE) + 0.5);
    y += v * (Math.floor(i / SIDE) + 0.5);
  });
  return [x / m, y / m];
}

function inkBox(image: Float32Array, threshold = 0.05) {
  let [x0, y0, x1, y1] = [SIDE, SIDE, -1, -1];
  image.forEach((v, i) => {
    if (v < threshold) return;
    const x = i % SIDE;
    const y = Math.floor(i / SIDE);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  });
  return { width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

const meanAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

describe('preprocess (MNIST recipe)', () => {
  it('returns a 28×28 input with ink = 1 and background = 0', () => {
    const image = input(SEVEN);
    expect(image.length).to.equal(784);
    expect(Math.max(...image)).to.be.closeTo(1, 1e-6);
    expect(image[0]).to.equal(0);
    expect(image.every((v) => v >= 0 && v <= 1)).to.be.true;
  });

  it('gives nearly the same input for a digit drawn small in a corner and large in the middle', () => {
    const large = input(transform(SEVEN, 1.4, 0, 0));
    const small = input(transform(SEVEN, 0.3, -0.35, 0.38));
    expect(meanAbsDiff(large, small)).to.be.below(0.01);
    // And differs clearly from another digit, so the check above can fail.
    expect(meanAbsDiff(large, input(loop(0, 0, 0.3)))).to.be.above(0.1);
  });

  it('scales the longer side to 20 px', () => {
    const box = inkBox(input(loop(0.1, -0.2, 0.05)));
    expect(Math.max(box.width, box.height)).to.be.within(19, 21);
  });

  it('places the centre of mass at the centre of the field', () => {
    // An "L" has its centre of mass far from its bounding-box centre.
    const ell: Ink = [
      [
        { x: 0, y: 0 },
        { x: 0, y: 1 },
        { x: 0.6, y: 1 },
      ],
    ];
    const [x, y] = centreOfMass(input(ell));
    expect(x).to.be.closeTo(14, 0.3);
    expect(y).to.be.closeTo(14, 0.3);
  });

  it('keeps the aspect ratio of a "1" instead of stretching it into a block', () => {
    const box = inkBox(input(bar(0.2, -0.3, 0.3)));
    expect(box.height).to.be.within(19, 21);
    expect(box.width).to.be.at.most(4);
  });

  it('returns null for a blank pad and for ink without finite points', () => {
    expect(preprocess(packInk([]))).to.equal(null);
    expect(preprocess(packInk([[]]))).to.equal(null);
    expect(preprocess(packInk([[{ x: NaN, y: Infinity }]]))).to.equal(null);
  });

  it('draws a single dot as a small dot, not a digit-sized blob', () => {
    const box = inkBox(input([[{ x: 0.1, y: 0.1 }]]));
    expect(Math.max(box.width, box.height)).to.be.at.most(4);
  });

  it('round-trips ink through its transferable form', () => {
    const ink = [...SEVEN, ...bar(0, 0, 1, 3)];
    expect(unpackInk(packInk(ink))).to.deep.equal(
      ink.map((s) => s.map((p) => ({ x: Math.fround(p.x), y: Math.fround(p.y) }))),
    );
  });
});

interface PenSample {
  id: string;
  strokes: [number, number][][];
}

/**
 * Fits a UNIPEN sample into pad units the way the tests draw it (keeping its aspect ratio,
 * 15 % margin, on a square pad): origin at the centre, 1 = the pad's side.
 */
function fitToPad(strokes: PenSample['strokes'], margin = 0.15): Ink {
  const points = strokes.flat();
  const [minX, minY] = [0, 1].map((k) => Math.min(...points.map((p) => p[k])));
  const [maxX, maxY] = [0, 1].map((k) => Math.max(...points.map((p) => p[k])));
  const scale = (1 - 2 * margin) / Math.max(maxX - minX, maxY - minY, 1e-9);
  const [midX, midY] = [(minX + maxX) / 2, (minY + maxY) / 2];
  return strokes.map((stroke) =>
    stroke.map(([x, y]) => ({ x: (x - midX) * scale, y: (y - midY) * scale })),
  );
}

/** The ink of the first `n` points, as the pad sends it while the pen is still writing. */
function prefix(ink: Ink, n: number): Ink {
  const out: Ink[number][] = [];
  for (const stroke of ink) {
    if (n <= 0) break;
    out.push(stroke.slice(0, n));
    n -= stroke.length;
  }
  return out;
}

/** Largest per-pixel difference from the reference; -1 when only one of them found no ink. */
function differenceFromReference(ink: PackedInk, penWidth?: number): number {
  const options = penWidth === undefined ? {} : { penWidth };
  const got = preprocess(ink, options);
  const want = referencePreprocess(ink, options);
  if (!got || !want) return got === want ? 0 : -1;
  let max = 0;
  for (let i = 0; i < want.length; i++) max = Math.max(max, Math.abs(got[i] - want[i]));
  return max;
}

describe('preprocess matches the reference implementation', () => {
  const TOLERANCE = 1e-6;
  let samples: PenSample[] = [];
  before(async () => {
    const text = await (await fetch('/test/fixtures/unipen/holdout-279.jsonl')).text();
    samples = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  });

  it('on every held-out UNIPEN digit, in pad units and in tablet units, at three pen widths', () => {
    expect(samples).to.have.length(279);
    const worst = { difference: 0, id: '' };
    for (const sample of samples) {
      const inks = [packInk(fitToPad(sample.strokes)), packInk(fitToPad(sample.strokes, 0.4))];
      // Raw tablet coordinates, as scripts/pen-data.mjs feeds them for training.
      inks.push(packInk(sample.strokes.map((s) => s.map(([x, y]) => ({ x, y })))));
      for (const ink of inks) {
        for (const pen of [undefined, 1, 4]) {
          const difference = differenceFromReference(ink, pen);
          if (difference < 0 || difference > worst.difference)
            Object.assign(worst, { difference, id: sample.id });
        }
      }
    }
    expect(worst.difference, worst.id).to.be.within(0, TOLERANCE);
  });

  it('on the growing ink of every digit while it is written (a snapshot every 3 points)', () => {
    let worst = 0;
    let snapshots = 0;
    for (const sample of samples) {
      const ink = fitToPad(sample.strokes);
      const total = ink.reduce((n, stroke) => n + stroke.length, 0);
      for (let n = 1; n < total + 3; n += 3) {
        const difference = differenceFromReference(packInk(prefix(ink, n)));
        worst = difference < 0 ? Infinity : Math.max(worst, difference);
        snapshots++;
      }
    }
    expect(snapshots).to.be.above(4000);
    expect(worst).to.be.within(0, TOLERANCE);
  });

  it('on random scribbles, dots, off-centre and degenerate ink and odd pen widths', () => {
    const coordinate = fc.oneof(
      { weight: 20, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e30) },
    );
    const point = fc.record({ x: coordinate, y: coordinate });
    const ink = fc.array(fc.array(point, { maxLength: 40 }), { maxLength: 5 });
    const pen = fc.option(fc.double({ min: 0.1, max: 19.5, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(ink, pen, (strokes, penWidth) => {
        const difference = differenceFromReference(packInk(strokes), penWidth);
        return difference >= 0 && difference <= TOLERANCE;
      }),
      { numRuns: 500, seed: 20261121 },
    );
  });
});
