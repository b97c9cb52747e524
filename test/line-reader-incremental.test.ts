import { expect } from '@open-wc/testing';
import { LineReader, type LineResult } from '../src/workers/read-line.js';
import { packed, packedWithIds } from './support/lines.js';
import { fakeModels, type FixtureLine, realPenLines } from './support/reader-fixtures.js';

describe('line reader, report by report: what it runs again and what it keeps', function () {
  this.timeout(120000);
  const real = realPenLines();

  it('runs the models only on candidates holding a new or changed stroke', async () => {
    const reader = new LineReader();
    const counts: number[] = [];
    const logits = real.set.logits.bind(real.set);
    real.set.logits = (inputs, count) => (counts.push(count), logits(inputs, count));
    try {
      const l = real.lines.find((x) => x.strokes.length >= 8)!;
      const ink = (n: number) => packed(l.strokes.slice(0, n), 5000);
      await reader.read(ink(l.strokes.length - 1), 'number', real.set);
      counts.length = 0;
      await reader.read(ink(l.strokes.length - 1), 'number', real.set);
      expect(counts, 'same ink again').to.deep.equal([]);
      await reader.read(ink(l.strokes.length), 'number', real.set);
      // One new stroke: at most the runs of up to three strokes that end with it in x order,
      // or hold it, whatever the line's length.
      expect(counts.length).to.equal(1);
      expect(counts[0]).to.be.within(1, 6);
    } finally {
      real.set.logits = logits;
    }
  });

  /**
   * The line written report by report, as a pad sends it, each stroke growing a few points at a
   * time, with an undo and redo of every third stroke. `variant` 0 writes the strokes in their
   * order, 1 swaps each pair (a late bar, a stem after the next glyph), 2 writes right to left:
   * odd orders move baselines and groupings more than tidy ones.
   */
  function* reports(l: FixtureLine, variant: number, firstId: number) {
    const count = l.strokes.length;
    const order = l.strokes.map((_, i) =>
      variant === 2 ? count - 1 - i : variant === 1 && (i ^ 1) < count ? i ^ 1 : i,
    );
    const ids = order.map((s) => firstId + s);
    for (let n = 1; n <= count; n++) {
      const last = l.strokes[order[n - 1]];
      const done = order.slice(0, n - 1).map((s) => l.strokes[s]);
      const step = Math.max(2, Math.ceil(last.length / 3));
      for (let k = Math.min(step, last.length); ; k = Math.min(k + step, last.length)) {
        yield packedWithIds([...done, last.slice(0, k)], ids.slice(0, n));
        if (k === last.length) break;
      }
      if (n % 3 === 0) {
        yield packedWithIds(done, ids.slice(0, n - 1));
        yield packedWithIds([...done, last], ids.slice(0, n));
      }
    }
  }

  it('reads a line report by report exactly as a fresh reader reads each report, and never changes a glyph it returned', async () => {
    // Stand-in models whose logits follow the input's pixels: cheap enough to read every
    // report from scratch too, and sure enough that a stale reading shows in the output.
    const models = fakeModels();
    const live = new LineReader();
    let compared = 0;
    let reused = 0;
    for (const [k, l] of real.lines.entries()) {
      const mode = /^[0-9]+$/.test(l.text) ? 'number' : 'expression';
      for (const variant of [0, 1, 2]) {
        let previous: { glyphs: LineResult['glyphs']; copy: unknown } | null = null;
        for (const ink of reports(l, variant, 10000 + 100 * (3 * k + variant))) {
          const result = await live.read(ink, mode, models);
          const fresh = await new LineReader().read(ink, mode, models);
          const where = `${l.text}, order ${variant}, report ${compared}`;
          expect(result.glyphs, where).to.deep.equal(fresh.glyphs);
          expect(result.reading, where).to.deep.equal(fresh.reading);
          expect(result.current, where).to.equal(fresh.current);
          // What the worker sent by reference must still be what it sent.
          if (previous)
            expect(structuredClone(previous.glyphs), where).to.deep.equal(previous.copy);
          reused += result.glyphs.filter((g) => previous?.glyphs.includes(g)).length;
          previous = { glyphs: result.glyphs, copy: structuredClone(result.glyphs) };
          compared++;
        }
      }
    }
    expect(compared).to.be.above(1000);
    // Most glyphs of a growing line stay the same objects: only their references are sent.
    expect(reused, `${reused} glyphs reused over ${compared} reports`).to.be.above(2 * compared);
  });
});
