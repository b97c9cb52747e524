import { expect } from '@open-wc/testing';
import { PadError } from '../src/workers/pad-error.js';
import { MAX_GLYPHS } from '../src/workers/protocol.js';
import { LineReader } from '../src/workers/read-line.js';
import { joined, line, packed, type XY } from './support/lines.js';
import {
  type FixtureLine,
  fixtureDigits,
  fixtureLines,
  layOut,
  sorted,
  realPenLines,
  steadyModel,
} from './support/reader-fixtures.js';

describe('line reader: the reject rule and the size of a glyph', () => {
  // The model, seeing each glyph blown up to 28x28, says "." 0.5 and "0" 0.4 for all of them:
  // under its reject threshold of 0.6.
  const set = steadyModel({ '.': 0.5, '0': 0.4 }, 0.6);
  // A box drawn in one stroke stands for a "0".
  const zero = (x: number) => [
    [
      ...line([x, 0], [x + 0.5, 0]),
      ...line([x + 0.5, 0], [x + 0.5, 1]),
      ...line([x + 0.5, 1], [x, 1]),
      ...line([x, 1], [x, 0]),
    ],
  ];
  const strokes = [
    ...zero(0),
    [
      [0.7, 0.97],
      [0.72, 0.99],
      [0.7, 0.99],
    ] as XY[],
    ...zero(0.9),
  ];

  it('in expression mode, rejects only what size and place leave unsure: a dot is ".", a full-height glyph "0"', async () => {
    const result = await new LineReader().read(packed(strokes), 'expression', set);
    expect(result.reading.cnn.text).to.equal('0.0');
  });

  it('in number mode, weighs size the same way: full-height glyphs are "0", a lone dot is outside the alphabet', async () => {
    const reader = new LineReader();
    const zeros = [...zero(0), ...zero(0.9)];
    expect((await reader.read(packed(zeros), 'number', set)).reading.cnn.text).to.equal('00');
    // A decimal point after them, too far away to join the last zero.
    const point = strokes[1].map(([x, y]): XY => [x + 1.5, y]);
    const read = await new LineReader().read(packed([...zeros, point]), 'number', set);
    expect(read.reading.cnn.text).to.equal('00?');
  });
});

describe("line reader on real pen glyphs (one held-out writer, today's CNN)", function () {
  this.timeout(120000);
  const real = realPenLines();

  // Measured: 12 of 12 exact and split right; 4 of 6 expressions split right (with digit-only
  // models, operators are split by geometry alone).
  it('reads at least 11 of the 12 numbers exactly, each split into its true glyphs', async () => {
    const reader = new LineReader();
    const numbers = real.lines.filter((l) => /^[0-9]+$/.test(l.text));
    let exact = 0;
    let split = 0;
    let firstId = 0;
    for (const l of numbers) {
      const result = await reader.read(packed(l.strokes, firstId), 'number', real.set);
      firstId += l.strokes.length;
      if (result.reading.cnn.text === l.text) exact++;
      if (sorted(result.glyphs.map((g) => g.strokes)) === sorted(l.glyphs)) split++;
      const { text, value } = result.reading.cnn;
      // A number means its value; a glyph read "?" leaves the line without one.
      expect(value, text).to.equal(/^[0-9]+$/.test(text) ? Number(text) : null);
    }
    expect(numbers.length).to.equal(12);
    const seen = `${exact} exact, ${split} split right`;
    expect(exact, seen).to.be.at.least(11);
    expect(split, seen).to.be.at.least(11);
  });

  it('splits at least 4 of the 6 expressions into their true glyphs, operators included', async () => {
    const reader = new LineReader();
    const expressions = real.lines.filter((l) => !/^[0-9]+$/.test(l.text));
    let split = 0;
    let firstId = 1000;
    for (const l of expressions) {
      const result = await reader.read(packed(l.strokes, firstId), 'expression', real.set);
      firstId += l.strokes.length;
      if (sorted(result.glyphs.map((g) => g.strokes)) === sorted(l.glyphs)) split++;
    }
    expect(expressions.length).to.equal(6);
    expect(split, `${split} split right`).to.be.at.least(4);
  });

  // Measured with the shipped CNN: 20 of 28 exact, 13 of them among the 18 that are no valid sum
  // ("(544)532-0759", "16.4.8899"). A grammar of sums alone, soft, read 14 and 7 of those; a
  // grammar that must parse read 7 exact, none of those 18.
  it('reads phone numbers and dates of held-out writers as written, sums or not', async () => {
    const reader = new LineReader();
    const formatted = await fixtureLines('formatted-holdout.jsonl');
    const exact: string[] = [];
    let firstId = 2000;
    for (const l of formatted) {
      const result = await reader.read(packed(l.strokes, firstId), 'expression', real.set);
      firstId += l.strokes.length;
      if (result.reading.cnn.text === l.text) exact.push(l.text);
    }
    expect(formatted.length).to.equal(28);
    const noSum = exact.filter((t) => /[().]/.test(t));
    expect(exact.length, exact.join(' ')).to.be.at.least(17);
    expect(noSum.length, noSum.join(' ')).to.be.at.least(10);
  });

  // Measured with the shipped CNN: 49 of 59 read "?" where the "%" or "#" stands (52 before the
  // line's glyph height was set by its curved strokes, which cost three of these short lines
  // and gained longer lines elsewhere: bench/README.md). When a rejected glyph cost 2 in the
  // split, 45 did; the rest came apart into bars and circles read as confident symbols
  // (readings such as "1*12" and "0-?8"). Those left still come apart: the circles of a "%"
  // read as "0" or "." ("9903", "77.9"). In Number mode, 47 read "?" (48 before); when a glyph
  // the CNN calls "?" was scored as its best digit, 29 did ("3%7" read "317").
  it('reads "%" and "#" of held-out writers as "?" in a line, not as confident symbols or digits', async () => {
    const reader = new LineReader();
    const lines = (await fixtureLines('non-symbols-holdout.jsonl')) as (FixtureLine & {
      at: number;
    })[];
    let firstId = 3000;
    const misread = async (mode: 'number' | 'expression') => {
      const wrong: string[] = [];
      for (const l of lines) {
        const result = await reader.read(packed(l.strokes, firstId), mode, real.set);
        firstId += l.strokes.length;
        const text = result.reading.cnn.text;
        if (text.length !== l.text.length || text[l.at] !== '?') wrong.push(text);
      }
      return wrong;
    };
    expect(lines.length).to.equal(59);
    const inSum = await misread('expression');
    expect(lines.length - inSum.length, inSum.join(' ')).to.be.at.least(47);
    const inNumber = await misread('number');
    expect(lines.length - inNumber.length, inNumber.join(' ')).to.be.at.least(44);
  });

  it('keeps a digit beside a two-stroke 4 whose strokes do not meet out of the 4', async () => {
    // The 4's bar stops short of its stem, so its strokes hang together loosely; the 6 is as
    // close to the stem's bar as that. When a group cost only its loosest attachment, the 6
    // joined the 4 for free and the line read "4".
    const digits = await fixtureDigits();
    const six = digits.get('ibm/ibm0/r0207#48')!;
    const four = digits.get('ibm/ibm0/r0207#38')!;
    expect([six.label, four.label, four.strokes.length]).to.deep.equal(['6', '4', 2]);
    const strokes = layOut([six.strokes, four.strokes], 0.2);
    const result = await new LineReader().read(packed(strokes, 9000), 'number', real.set);
    expect(sorted(result.glyphs.map((g) => g.strokes))).to.equal(sorted([[0], [1, 2]]));
    expect(result.reading.cnn.text).to.equal('64');
  });

  it('does not read a 1 and the bar of the next 4 as one digit that the model calls "?"', async () => {
    // The 4's bar stops short of its stem. Over the digits alone, the 1 (two strokes) with that
    // bar looked like a sure digit, and the line read "?1" (the model's top class for the group
    // is "?"); over all its classes the group is a poor digit, and the line reads "14".
    const digits = await fixtureDigits();
    const one = digits.get('ibm/ibm0/r0207#15')!;
    const four = digits.get('ibm/ibm0/r0207#38')!;
    expect([one.label, one.strokes.length, four.label]).to.deep.equal(['1', 2, '4']);
    const strokes = layOut([one.strokes, four.strokes], 0.15);
    const result = await new LineReader().read(packed(strokes, 9100), 'number', real.set);
    expect(sorted(result.glyphs.map((g) => g.strokes))).to.equal(
      sorted([
        [0, 1],
        [2, 3],
      ]),
    );
    expect(result.reading.cnn.text).to.equal('14');
  });

  it('reads pairs of real digits written without lifting the pen: at least 12 of 24', async () => {
    // Pairs of one writer's digits (the first 24 pairs of the fixture, in file order) are laid
    // out as the bench lays out lines; then the last stroke of the first digit and the first of
    // the second become one stroke through the pen's straight path. Measured: 2 of 24 without
    // cutting (checked by disabling it), 15 of 24 with it when the cut was added, 12 of 24 at
    // b27b05b (2026-12-02).
    const digits = [...(await fixtureDigits()).values()];
    let [right, tried] = [0, 0];
    const misses: string[] = [];
    for (let k = 0; tried < 24; k += 2) {
      const [a, b] = [digits[k], digits[k + 1]];
      if (a.writer !== b.writer) {
        k--;
        continue;
      }
      tried++;
      const strokes = layOut([a.strokes, b.strokes], 0.3);
      const last = a.strokes.length - 1;
      const ys = strokes.flat().map((p) => p[1]);
      const step = (Math.max(...ys) - Math.min(...ys)) / 40;
      strokes.splice(last, 2, joined(strokes[last], strokes[last + 1], step));
      const result = await new LineReader().read(
        packed(strokes, 9200 + 10 * k),
        'number',
        real.set,
      );
      const truth = a.label + b.label;
      if (result.reading.cnn.text === truth) right++;
      else misses.push(`${truth} read ${result.reading.cnn.text}`);
    }
    console.log(`joined pairs read right: ${right} of ${tried}`);
    expect(right, misses.join(', ')).to.be.at.least(12);
  });

  it(`refuses a line of more than ${MAX_GLYPHS} glyphs with line-too-long`, async () => {
    const strokes = Array.from({ length: MAX_GLYPHS + 1 }, (_, i) =>
      line([i * 1.5, 0], [i * 1.5, 1]),
    );
    const error = await new LineReader().read(packed(strokes), 'number', real.set).catch((e) => e);
    expect(error).to.be.instanceOf(PadError);
    expect((error as PadError).code).to.equal('line-too-long');
  });
});
