import { expect } from '@open-wc/testing';
import { chunksAtPointerUp, type Step } from './support/draw.js';

const stroke = (n: number): Step[] => [
  { type: 'down', x: 0, y: 0, pressed: true },
  ...Array.from({ length: n - 2 }, (_, i): Step => ({ type: 'move', x: i, y: 0, pressed: true })),
  { type: 'up', x: n, y: 0 },
];

describe('test support: long replays in several commands', () => {
  it('cuts only after a pointer-up, once a chunk is full, and loses or reorders nothing', () => {
    const steps = [...stroke(4), ...stroke(5), ...stroke(3), ...stroke(6)];
    const chunks = chunksAtPointerUp(steps, 8);
    expect(chunks.map((c) => c.length)).to.deep.equal([9, 9]);
    for (const chunk of chunks) expect(chunk.at(-1)!.type).to.equal('up');
    expect(chunks.flat()).to.deep.equal(steps);
  });

  it('keeps a stroke longer than a chunk whole, and a short replay in one command', () => {
    expect(chunksAtPointerUp(stroke(20), 8).map((c) => c.length)).to.deep.equal([20]);
    expect(chunksAtPointerUp(stroke(5), 300)).to.have.length(1);
  });
});
