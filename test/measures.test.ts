import { expect } from '@open-wc/testing';
import { MeasureCache, measureStrokes } from '../src/ink/measures.js';
import { line, packedWithIds, type XY } from './support/lines.js';

const L: XY[] = [
  [0, 0],
  [3, 4],
  [3, 0],
];

describe('stroke measures', () => {
  it('give each stroke its box and the length of its path; a stroke without points has none', () => {
    const ink = packedWithIds([L, [], [[1, 1]]], [0, 1, 2]);
    expect(measureStrokes(ink)).to.deep.equal([
      { box: { x: 0, y: 0, width: 3, height: 4 }, length: 9 },
      { box: { x: 0, y: 0, width: 0, height: 0 }, length: 0 },
      { box: { x: 1, y: 1, width: 0, height: 0 }, length: 0 },
    ]);
  });

  it('are kept for strokes that did not change, and made again for ones that did', () => {
    const cache = new MeasureCache();
    const bar = line([0, 0], [1, 0]);
    const first = cache.of(packedWithIds([L, bar.slice(0, 5)], [7, 8]));
    const grown = cache.of(packedWithIds([L, bar], [7, 8]));
    expect(grown[0]).to.equal(first[0]);
    expect(grown[1]).to.not.equal(first[1]);
    expect(grown[1]).to.deep.equal(measureStrokes(packedWithIds([bar], [8]))[0]);
  });

  it('are made again when an id comes back with other points of the same count', () => {
    const cache = new MeasureCache();
    cache.of(packedWithIds([L], [3]));
    const moved: XY[] = L.map(([x, y]) => [x + 10, y]);
    const [measure] = cache.of(packedWithIds([moved], [3]));
    expect(measure.box.x).to.equal(10);
  });

  it('keep only the latest strokes, and start over when cleared', () => {
    const cache = new MeasureCache();
    const [a] = cache.of(packedWithIds([L], [1]));
    cache.of(packedWithIds([L], [2]));
    expect(cache.of(packedWithIds([L], [1]))[0]).to.not.equal(a);
    const [b] = cache.of(packedWithIds([L], [1]));
    cache.clear();
    expect(cache.of(packedWithIds([L], [1]))[0]).to.not.equal(b);
  });
});
