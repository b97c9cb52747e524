import { expect } from '@open-wc/testing';
import { GlyphReceiver, GlyphSender } from '../src/workers/glyph-refs.js';
import type { GlyphResult, SentGlyph } from '../src/workers/protocol.js';

function glyph(first: number): GlyphResult {
  return {
    strokes: [first],
    box: { x: first, y: 0, width: 0.5, height: 1 },
    input: new Float32Array(784).fill(first / 10),
    results: { cnn: { probabilities: [0.25, 0.75], label: 1, symbol: '1' } },
  };
}

/** What crosses the worker boundary: a structured clone, as postMessage makes. */
const post = (sent: SentGlyph[]) => structuredClone(sent);

describe('glyph references between worker and main thread', () => {
  it('sends a glyph once; later results name it by index and the receiver gives back its own copy', () => {
    const [sender, receiver] = [new GlyphSender(), new GlyphReceiver()];
    const [a, b, c] = [glyph(0), glyph(1), glyph(2)];
    const first = sender.encode(1, [a, b]);
    expect(first).to.deep.equal([a, b]);
    const received = receiver.decode(1, post(first));
    expect(received).to.deep.equal([a, b]);

    const second = sender.encode(1, [a, c]);
    expect(second).to.deep.equal([0, c]);
    const next = receiver.decode(1, post(second));
    expect(next).to.deep.equal([a, c]);
    // The unchanged glyph is the very object the main thread received before.
    expect(next[0]).to.equal(received[0]);

    // Indices follow the previous result's order, whatever the new one's.
    const third = receiver.decode(1, post(sender.encode(1, [glyph(3), c, a])));
    expect(third[1]).to.equal(next[1]);
    expect(third[2]).to.equal(next[0]);
  });

  it('refers to nothing across generations, on either end', () => {
    const [sender, receiver] = [new GlyphSender(), new GlyphReceiver()];
    const a = glyph(0);
    receiver.decode(1, post(sender.encode(1, [a])));
    // A result of a newer model set carries every glyph whole, even one the last result held.
    expect(sender.encode(2, [a])).to.deep.equal([a]);
    // And a receiver never resolves an index against another generation's glyphs.
    expect(() => receiver.decode(2, [0])).to.throw(/never received/);
  });
});
