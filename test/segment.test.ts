import { expect } from '@open-wc/testing';
import { readGlyph } from '../src/ink/glyph-score.js';
import { planLine, type Candidate } from '../src/ink/segment.js';
import { bestSplit, glyphScore } from '../src/ink/split.js';
import { digit, dot, line, packed, type XY } from './support/lines.js';

const CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].concat(
  '+ - * / = ( ) . ?'.split(' '),
);

/**
 * Splits with a classifier that is sure of every group it sees, whatever its shape: only the
 * geometry (overlap, touch, size fit, width) decides, which is what these cases check.
 */
function splitByGeometry(strokes: XY[][], classes = CLASSES): number[][] {
  const plan = planLine(packed(strokes));
  const sure = classes.map(() => 1);
  return bestSplit(plan, (c) =>
    glyphScore(c, readGlyph(sure, classes, c.box, plan.height, c.lift).fit, plan.height),
  ).map((c) => [...c.strokes]);
}

const right = (strokes: XY[][]) => Math.max(...strokes.flat().map((p) => p[0]));

describe('segmentation: hand-made hard cases', () => {
  it('keeps the two bars of "=" together, and apart from the digit before it', () => {
    const one = [line([0, 0], [0, 1])];
    const equals = [line([0.3, 0.35], [0.9, 0.35]), line([0.3, 0.65], [0.9, 0.65])];
    expect(splitByGeometry([...one, ...equals])).to.deep.equal([[0], [1, 2]]);
  });

  it('groups "÷" (a bar with a dot above and below), written bar first or dots first', () => {
    const six = digit(6, 0);
    const divide = [line([0.8, 0.5], [1.3, 0.5]), dot([1.05, 0.3]), dot([1.05, 0.7])];
    const two = digit(2, 1.5);
    expect(splitByGeometry([...six, ...divide, ...two])).to.deep.equal([[0], [1, 2, 3], [4]]);
    const dotsFirst = [divide[1], divide[2], divide[0]];
    expect(splitByGeometry([...six, ...dotsFirst, ...two])).to.deep.equal([[0], [1, 2, 3], [4]]);
  });

  it('groups the dots of a ":" written with a slant, further apart in x than neighbouring glyphs', () => {
    const six = digit(6, 0);
    // The top dot stands 0.3 glyph heights right of the bottom one: a gap in x over MAX_GAP.
    const colon = [dot([1.15, 0.35]), dot([0.85, 0.9])];
    const two = digit(2, 1.4);
    const split = splitByGeometry([...six, ...colon, ...two]);
    const dots = [six.length, six.length + 1];
    expect(split).to.deep.include(dots);
    expect(split).to.have.length(3);
  });

  it('joins a 7 with its bar written after the next glyph', () => {
    const seven = digit(7, 0)[0];
    const one = line([1.0, 0], [1.0, 1]);
    const bar = line([0.25, 0.5], [0.75, 0.5]);
    expect(splitByGeometry([seven, one, bar])).to.deep.equal([[0, 2], [1]]);
  });

  it('joins a 4 whose stem is written after the next glyph', () => {
    const body = [...line([0.3, 0], [0, 0.6]), ...line([0, 0.6], [0.7, 0.6])];
    const stem = line([0.5, 0.2], [0.5, 1]);
    const one = line([1.1, 0], [1.1, 1]);
    expect(splitByGeometry([body, one, stem])).to.deep.equal([[0, 2], [1]]);
  });

  it('joins the top of a 4 to a stem that neither crosses nor touches it: a digit stands on the baseline', () => {
    const top = [...line([0.3, 0], [0, 0.55]), ...line([0, 0.55], [0.5, 0.55])];
    const stem = line([0.55, 0.1], [0.55, 1]);
    const one = line([1.2, 0], [1.2, 1]);
    // Number mode: only digits are read.
    expect(splitByGeometry([top, stem, one], CLASSES.slice(0, 10))).to.deep.equal([[0, 1], [2]]);
  });

  it('keeps "+" (crossing strokes) and a stacked decimal point apart from digits', () => {
    const three = digit(3, 1.1);
    const strokes = [
      ...digit(1, 0),
      line([0.5, 0.5], [0.9, 0.5]),
      line([0.7, 0.3], [0.7, 0.7]),
      ...three,
      dot([right(three) + 0.12, 0.97]),
      ...digit(5, right(three) + 0.25),
    ];
    expect(splitByGeometry(strokes)).to.deep.equal([[0], [1, 2], [3], [4], [5]]);
  });
});

describe('segmentation: glyphs of four strokes and glyphs read in pieces', () => {
  it('keeps a four-stroke "*" (an "x" over a "+") in one glyph between two digits', () => {
    // Half of UNIPEN's "*" and nearly every "#" have four strokes; with groups of at most
    // three, they came apart into bars and crosses.
    const star = [
      line([0.8, 0.3], [1.2, 0.7]),
      line([1.2, 0.3], [0.8, 0.7]),
      line([0.8, 0.5], [1.2, 0.5]),
      line([1.0, 0.28], [1.0, 0.72]),
    ];
    const strokes = [...digit(1, 0.3), ...star, ...digit(2, 1.45)];
    expect(splitByGeometry(strokes)).to.deep.equal([[0], [1, 2, 3, 4], [5]]);
  });

  it('reads an "=" the classifier is unsure of as one glyph, not two dashes one above the other', () => {
    const strokes = [
      ...digit(7, 0),
      line([0.8, 0.38], [1.3, 0.38]),
      line([0.8, 0.62], [1.3, 0.62]),
    ];
    const plan = planLine(packed(strokes));
    // Each bar alone is a sure "-"; the pair is an "=" at only 0.1, and the 7 joins nothing.
    // Two glyphs cost one GLYPH_COST more than one, less than the pair's poorer fit: only the
    // crowding of two glyphs whose centres coincide keeps the "=" whole.
    const fit = (c: Candidate) =>
      c.strokes.length === 1 ? 0 : c.strokes.includes(0) ? -20 : Math.log(0.1);
    const split = bestSplit(plan, (c) => glyphScore(c, fit(c), plan.height)).map((c) => [
      ...c.strokes,
    ]);
    expect(split).to.deep.equal([[0], [1, 2]]);
  });
});

describe("the line's glyph height", () => {
  it("is the digits' height, not that of parentheses written twice as tall", () => {
    // "(12)+(34)": before the height was taken from the tallest strokes alone, the parentheses
    // set it, every digit was half a glyph tall, and neighbouring digits were grouped as one.
    const paren = (x: number) => [line([x, -0.6], [x, 1.6])];
    const strokes = [
      ...paren(0),
      ...digit(1, 0.3),
      ...digit(2, 1),
      ...paren(1.8),
      line([2.1, 0.5], [2.5, 0.5]),
      line([2.3, 0.3], [2.3, 0.7]),
      ...paren(2.8),
      ...digit(3, 3.1),
      ...digit(4, 3.8),
      ...paren(4.6),
    ];
    const { height } = planLine(packed(strokes));
    expect(height).to.be.within(0.9, 1.1);
  });

  it('is the digit\'s height in a short line of more bars than digits ("1=")', () => {
    const equals = [line([0.4, 0.4], [0.9, 0.4]), line([0.4, 0.6], [0.9, 0.6])];
    expect(planLine(packed([...digit(1, 0), ...equals])).height).to.be.within(0.9, 1.1);
  });

  // One stroke far off the others' size set the scale for the whole line: every digit then
  // looked tiny or huge, and the line read as a row of "=" and "?" (40 of the 1,700 composed
  // sums of the training writers, mostly from "." and "/" samples written far larger than digits).
  it('is the digits\' height beside a "." blotted five times their size', () => {
    const strokes = [...digit(2, 0), ...digit(3, 0.8), dot([2, 0.5], 2.5), ...digit(6, 4.8)];
    expect(planLine(packed(strokes)).height).to.be.within(0.9, 1.1);
  });

  it('is the digits\' height when the only curved strokes are the dots of ":"', () => {
    // "1:1:1": the straight 1s are the only full-size strokes, and the dots outnumber them.
    const colon = (x: number) => [dot([x, 0.35], 0.04), dot([x, 0.75], 0.04)];
    const strokes = [...digit(1, 0), ...colon(0.4), ...digit(1, 0.8), ...colon(1.2)];
    expect(planLine(packed([...strokes, ...digit(1, 1.6)])).height).to.be.within(0.9, 1.1);
  });

  it("is the digits' height beside a bar four times as long (a line of digits is not a line of bars)", () => {
    const strokes = [...digit(1, 0), ...digit(2, 0.5), line([1.4, 0.5], [5.4, 0.55])];
    expect(planLine(packed(strokes)).height).to.be.within(0.9, 1.1);
  });

  it('is the width of the widest bar in a line of only bars and specks ("-.")', () => {
    const strokes = [line([0, 0.5], [0.6, 0.5]), dot([0.9, 0.9], 0.03)];
    expect(planLine(packed(strokes)).height).to.be.closeTo(0.6, 0.01);
  });
});

describe('segmentation: what the models reject', () => {
  it('prefers two glyphs the models are sure of to one they reject', () => {
    // A 7 and a 2 that overlap in x, as the two parts of a cut stroke touch: whole, the
    // classifier finds one fair digit (0.5) that its reject rule refuses; each part alone is a
    // 0.95 digit. Without a cost for the rejection, the one glyph would win.
    const strokes = [...digit(7, 0), ...digit(2, 0.45)];
    const plan = planLine(packed(strokes));
    const whole = (c: Candidate) => c.strokes.length === 2;
    const split = (part: number) =>
      bestSplit(plan, (c) =>
        glyphScore(c, Math.log(whole(c) ? 0.5 : part), plan.height, whole(c) ? 1 : 0),
      ).map((c) => [...c.strokes]);
    expect(split(0.95)).to.deep.equal([[0], [1]]);
    // Parts that are only fair symbols (the bars and circles of a "#" or "%") leave it whole.
    expect(split(0.6)).to.deep.equal([[0, 1]]);
  });
});

describe('size and position decide "." and "-"', () => {
  const p = (top: string, second: string) =>
    CLASSES.map((c) => (c === top ? 0.9 : c === second ? 0.05 : 0.05 / 17));

  it('reads a dot as "." although the classifier, seeing it blown up, says "0"', () => {
    const read = readGlyph(p('0', '.'), CLASSES, { x: 0, y: 0.9, width: 0.06, height: 0.06 }, 1);
    expect(CLASSES[read.probabilities.indexOf(Math.max(...read.probabilities))]).to.equal('.');
  });

  it('reads the same shape at full height as "0"', () => {
    const read = readGlyph(p('0', '.'), CLASSES, { x: 0, y: 0, width: 0.6, height: 1 }, 1);
    expect(CLASSES[read.probabilities.indexOf(Math.max(...read.probabilities))]).to.equal('0');
  });

  it('reads a short flat bar as "-", and a tall one as "1"', () => {
    const flat = readGlyph(p('1', '-'), CLASSES, { x: 0, y: 0.5, width: 0.5, height: 0.03 }, 1);
    const tall = readGlyph(p('1', '-'), CLASSES, { x: 0, y: 0, width: 0.05, height: 1 }, 1);
    const top = (r: { probabilities: number[] }) =>
      CLASSES[r.probabilities.indexOf(Math.max(...r.probabilities))];
    expect([top(flat), top(tall)]).to.deep.equal(['-', '1']);
  });

  it('reads a tick on the baseline 0.3 glyph heights tall as "." when the model sees a dot, and no glyph half as tall', () => {
    // 5 % of UNIPEN's "." are over a quarter of their writer's digit height. Ruled out above
    // that, such a tick read as the operator the model gave its little remaining mass.
    const torn = CLASSES.map((c) => (c === '.' ? 0.8 : c === '/' ? 0.15 : 0.05 / 17));
    const top = (height: number) => {
      const box = { x: 0, y: 1 - height, width: height / 3, height };
      const read = readGlyph(torn, CLASSES, box, 1, 0);
      return CLASSES[read.probabilities.indexOf(Math.max(...read.probabilities))];
    };
    expect([top(0.2), top(0.3), top(0.5)]).to.deep.equal(['.', '.', '/']);
  });

  it('reads a short bar on the baseline as ".", and the same bar at mid-height as "-"', () => {
    // A dot pressed into a short bar is flat and small at once: only where it stands tells.
    const bar = { x: 0, y: 0.9, width: 0.16, height: 0.05 };
    const unsure = CLASSES.map((c) => (c === '-' ? 0.55 : c === '.' ? 0.4 : 0.05 / 17));
    const top = (lift: number) => {
      const read = readGlyph(unsure, CLASSES, bar, 1, lift);
      return CLASSES[read.probabilities.indexOf(Math.max(...read.probabilities))];
    };
    expect([top(0), top(0.45)]).to.deep.equal(['.', '-']);
  });

  it('fits a bar at the top of the line (a 5 or 7 written in two strokes) far worse as "-" than one at mid-height', () => {
    const bar = { x: 0, y: 0, width: 0.5, height: 0.05 };
    const minus = CLASSES.map((c) => (c === '-' ? 0.9 : 0.1 / 18));
    const fit = (lift: number) => readGlyph(minus, CLASSES, bar, 1, lift).fit;
    expect(fit(0.45)).to.equal(fit(0.6));
    expect(fit(0.95)).to.be.below(fit(0.45) - 2);
  });

  it('reads a speck on the baseline that the model calls "?" as ".", and full-size ink as "?"', () => {
    const unsure = CLASSES.map((c) => (c === '?' ? 0.6 : c === '.' ? 0.3 : 0.1 / 17));
    const top = (box: { x: number; y: number; width: number; height: number }) => {
      const read = readGlyph(unsure, CLASSES, box, 1, 0);
      return CLASSES[read.probabilities.indexOf(Math.max(...read.probabilities))];
    };
    const speck = { x: 0, y: 0.92, width: 0.08, height: 0.08 };
    const scribble = { x: 0, y: 0, width: 0.8, height: 1 };
    expect([top(speck), top(scribble)]).to.deep.equal(['.', '?']);
  });

  it('reads a divide sign lower than a digit (a ":") as "/"', () => {
    const colon = readGlyph(p('/', '1'), CLASSES, { x: 0, y: 0.6, width: 0.1, height: 0.3 }, 1);
    expect(CLASSES[colon.probabilities.indexOf(Math.max(...colon.probabilities))]).to.equal('/');
  });

  it('reads a ":" no taller than a dot is wide as "/" when its strokes are stacked, not when one speck', () => {
    const box = { x: 0, y: 0.7, width: 0.05, height: 0.2 };
    const top = (stacked: boolean) => {
      const read = readGlyph(p('/', '.'), CLASSES, box, 1, 0.1, stacked);
      return CLASSES[read.probabilities.indexOf(Math.max(...read.probabilities))];
    };
    expect([top(true), top(false)]).to.deep.equal(['/', '.']);
  });

  it('marks the dots of a ":" as stacked, and a "+" or a dot pressed twice as not', () => {
    const stacked = (strokes: XY[][]) =>
      planLine(packed([...digit(1, 0), ...strokes])).candidates.find(
        (c) => c.strokes.length === 2 && !c.strokes.includes(0),
      )?.stacked;
    const colon = [dot([0.5, 0.55]), dot([0.5, 0.85])];
    const plus = [line([0.3, 0.5], [0.7, 0.5]), line([0.5, 0.3], [0.5, 0.7])];
    const pressedTwice = [dot([0.5, 0.95]), dot([0.51, 0.96])];
    expect([stacked(colon), stacked(plus), stacked(pressedTwice)]).to.deep.equal([
      true,
      false,
      false,
    ]);
  });
});
