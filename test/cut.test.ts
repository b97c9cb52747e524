import { expect } from '@open-wc/testing';
import { cutJoined } from '../src/ink/cut.js';
import { digit, joined, line, packed, type XY } from './support/lines.js';

/** Each part of the cut ink as [source stroke, first point, last point]. */
function partsOf(strokes: XY[][]) {
  const { ink, source } = cutJoined(packed(strokes));
  return source.map((s, k) => {
    const start = k ? ink.ends[k - 1] : 0;
    const at = (i: number) => [ink.points[i * 2], ink.points[i * 2 + 1]];
    return { source: s, first: at(start), last: at(ink.ends[k] - 1) };
  });
}

describe('cutting digits joined in one stroke', () => {
  it('cuts a 7 and a 2 written without lifting the pen into two parts that touch', () => {
    const [seven] = digit(7, 0);
    const [two] = digit(2, 1.2);
    const parts = partsOf([joined(seven, two)]);
    expect(parts.map((p) => p.source)).to.deep.equal([0, 0]);
    // The first part starts where the 7 does, the second ends where the 2 does, and they meet.
    expect(parts[0].first[0]).to.be.closeTo(seven[0][0], 1e-6);
    expect(parts[1].last[0]).to.be.closeTo(two[two.length - 1][0], 1e-6);
    expect(parts[0].last).to.deep.equal(parts[1].first);
    // The cut lies on the pen's path between the two digits.
    const [sevenRight, twoLeft] = [Math.max(...seven.map((p) => p[0])), 1.2];
    expect(parts[0].last[0]).to.be.within(sevenRight - 0.06, twoLeft + 0.06);
    // What the classifier sees of each part stops where the pen leaves the 7 and starts where
    // it reaches the 2: neither keeps the path between them.
    const { shapes } = cutJoined(packed([joined(seven, two)]));
    const lastOfFirst = shapes.points[(shapes.ends[0] - 1) * 2];
    const firstOfSecond = shapes.points[shapes.ends[0] * 2];
    expect(lastOfFirst).to.be.at.most(sevenRight + 0.06);
    expect(firstOfSecond).to.be.at.least(twoLeft - 0.06);
  });

  it('cuts three digits in one stroke into three parts', () => {
    const strokes = [joined(joined(digit(1, 0)[0], digit(7, 0.5)[0]), digit(0, 1.7)[0])];
    expect(partsOf(strokes).map((p) => p.source)).to.deep.equal([0, 0, 0]);
  });

  it('keeps the other strokes of the line whole, and their order', () => {
    const strokes = [digit(1, 0)[0], joined(digit(7, 0.5)[0], digit(2, 1.7)[0]), digit(1, 2.8)[0]];
    expect(partsOf(strokes).map((p) => p.source)).to.deep.equal([0, 1, 1, 2]);
  });

  it('does not cut a wide "0" or "7", a wide bar, or two digits too close to tell apart', () => {
    const wideZero = digit(0, 0)[0].map(([x, y]): XY => [x * 2, y]);
    const wideSeven = digit(7, 0)[0].map(([x, y]): XY => [x * 2, y]);
    const bar = line([0, 0.5], [1.5, 0.5]);
    const cramped = joined(digit(1, 0)[0], digit(1, 0.15)[0]);
    for (const stroke of [wideZero, wideSeven, cramped]) {
      expect(partsOf([digit(1, -1)[0], stroke]).length).to.equal(2);
    }
    expect(partsOf([digit(1, -1)[0], bar]).length).to.equal(2);
  });

  it('returns the very ink it was given when nothing is cut', () => {
    const ink = packed([digit(1, 0)[0], digit(2, 0.6)[0]]);
    expect(cutJoined(ink).ink).to.equal(ink);
    expect(cutJoined(ink).shapes).to.equal(ink);
  });
});
