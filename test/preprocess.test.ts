import { expect } from '@open-wc/testing';
import { packInk, unpackInk, type Ink } from '../src/ink/ink.js';
import { preprocess, SIDE } from '../src/workers/preprocess.js';
import { bar, loop, transform } from './support/ink-fixtures.js';

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
