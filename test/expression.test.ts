import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { chooseText, TextChooser, type SymbolOption } from '../src/expression/choose.js';
import { evaluate } from '../src/expression/evaluate.js';

/** A reference: the expression tree evaluated in doubles, printed with every parenthesis. */
type Tree =
  | { kind: 'leaf'; text: string }
  | { kind: 'neg'; operand: Tree }
  | { kind: 'op'; op: '+' | '-' | '*' | '/'; left: Tree; right: Tree };

function reference(tree: Tree): number {
  if (tree.kind === 'leaf') return Number(tree.text);
  if (tree.kind === 'neg') return -reference(tree.operand);
  const [a, b] = [reference(tree.left), reference(tree.right)];
  return { '+': a + b, '-': a - b, '*': a * b, '/': a / b }[tree.op];
}

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

/**
 * Prints with only the parentheses precedence needs (so the parser's precedence is tested, not
 * just its parentheses), plus any the `extra` flags ask for.
 */
function print(tree: Tree, extra: () => boolean): string {
  if (tree.kind === 'leaf') return tree.text;
  if (tree.kind === 'neg') {
    const inner = print(tree.operand, extra);
    return tree.operand.kind === 'op' || extra() ? `-(${inner})` : `-${inner}`;
  }
  const wrap = (child: Tree, right: boolean) => {
    const text = print(child, extra);
    const needs =
      child.kind === 'op' &&
      (PRECEDENCE[child.op] < PRECEDENCE[tree.op] ||
        (right && PRECEDENCE[child.op] === PRECEDENCE[tree.op]));
    return needs || extra() ? `(${text})` : text;
  };
  return `${wrap(tree.left, false)}${tree.op}${wrap(tree.right, true)}`;
}

const leaf = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([w, f]) => `${w}.${String(f).padStart(2, '0')}`),
);
const trees = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf.map((text): Tree => ({ kind: 'leaf', text })),
    tie('tree').map((operand): Tree => ({ kind: 'neg', operand })),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+'>, tie('tree'), tie('tree'))
      .map(([op, left, right]): Tree => ({ kind: 'op', op, left, right })),
  ),
})).tree;

/** Whether some divisor in the tree is (near) zero in doubles, where the reference is unsure. */
function nearZeroDivisor(tree: Tree): boolean {
  if (tree.kind === 'leaf') return false;
  if (tree.kind === 'neg') return nearZeroDivisor(tree.operand);
  if (tree.op === '/' && Math.abs(reference(tree.right)) < 1e-6) return true;
  return nearZeroDivisor(tree.left) || nearZeroDivisor(tree.right);
}

describe('expression evaluator', () => {
  it('agrees with a double-precision reference on random expressions, with or without "="', () => {
    fc.assert(
      fc.property(trees, fc.boolean(), fc.infiniteStream(fc.boolean()), (tree, equals, flags) => {
        fc.pre(!nearZeroDivisor(tree));
        const expected = reference(tree);
        fc.pre(Number.isFinite(expected) && Math.abs(expected) < 1e12);
        const text = print(tree, () => flags.next().value) + (equals ? '=' : '');
        const { value } = evaluate(text);
        expect(value, text).to.be.a('number');
        expect(Math.abs(value! - expected), text).to.be.at.most(
          1e-9 * Math.max(1, Math.abs(expected)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('has no value, with a reason, for any division by an exact zero', () => {
    fc.assert(
      fc.property(trees, trees, (left, right) => {
        const zero = `(${print(right, () => false)})*0`;
        const text = `(${print(left, () => false)})/(${zero})`;
        expect(evaluate(text)).to.deep.equal({ value: null, reason: 'division-by-zero' });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and always gives a value or a reason, whatever the text', () => {
    const alphabet = fc.constantFrom(...'0123456789+-*/=().?x:'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 20 }), (chars) => {
        const result = evaluate(chars.join(''));
        expect(result.value === null ? typeof result.reason : typeof result.value).to.equal(
          result.value === null ? 'string' : 'number',
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every prefix of a complete expression as incomplete or a value, never a syntax error', () => {
    fc.assert(
      fc.property(trees, fc.infiniteStream(fc.boolean()), (tree, flags) => {
        const text = print(tree, () => flags.next().value) + '=';
        for (let n = 1; n <= text.length; n++) {
          expect(evaluate(text.slice(0, n)).reason, text.slice(0, n)).to.not.equal('syntax');
        }
      }),
      { numRuns: 500 },
    );
  });

  const cases: [string, number | null, string?][] = [
    ['12+7=', 19],
    ['12+7', 19],
    ['2+3*4', 14],
    ['(2+3)*4', 20],
    ['8/4/2', 1],
    ['8-4-2', 2],
    ['-3*-2', 6],
    ['--3', 3],
    ['-(2+3)', -5],
    ['0.1+0.2=', 0.3],
    ['1/3*3', 1],
    ['.5+.5', 1],
    ['007', 7],
    ['2x3', 6],
    ['6:3', 2],
    ['6÷3', 2],
    ['123456789012345678901234567890/10', 1.2345678901234568e28],
    ['12+', null, 'incomplete'],
    ['(3+4', null, 'incomplete'],
    ['1.', null, 'incomplete'],
    ['-', null, 'incomplete'],
    ['=', null, 'syntax'],
    ['', null, 'incomplete'],
    ['1/0', null, 'division-by-zero'],
    ['1/(2-2)=', null, 'division-by-zero'],
    ['1/0.0', null, 'division-by-zero'],
    ['1?2', null, 'unreadable'],
    ['?', null, 'unreadable'],
    ['1+2=3', null, 'syntax'],
    ['1==', null, 'syntax'],
    ['1..2', null, 'syntax'],
    ['1.2.3', null, 'syntax'],
    ['()', null, 'syntax'],
    ['3)', null, 'syntax'],
    ['2(3)', null, 'syntax'],
    ['*2', null, 'syntax'],
    ['+2', null, 'syntax'],
    ['1+*2', null, 'syntax'],
    ['1.+2', null, 'syntax'],
    ['1%', null, 'syntax'],
  ];
  for (const [text, value, reason] of cases) {
    it(`"${text}" -> ${value ?? reason}`, () => {
      const result = evaluate(text);
      expect(result.value).to.equal(value);
      expect(result.reason).to.equal(reason);
    });
  }
});

describe("grammar choice among each glyph's top symbols", () => {
  const glyph = (...options: [string, number][]) =>
    options.map(([symbol, p]) => ({ symbol, logp: Math.log(p) }));

  it("takes each glyph's top symbol when the line parses", () => {
    expect(
      chooseText([glyph(['1', 0.9]), glyph(['1', 0.6], ['/', 0.4]), glyph(['2', 0.9])]),
    ).to.equal('112');
  });

  it('takes a less likely symbol where the top one cannot stand: an operand after "+"', () => {
    const line = [glyph(['1', 0.9]), glyph(['+', 0.8]), glyph(['*', 0.6], ['2', 0.3])];
    expect(chooseText(line)).to.equal('1+2');
  });

  it('reads "/" between two numbers where "=" cannot be followed by more', () => {
    const line = [glyph(['6', 0.9]), glyph(['=', 0.5], ['/', 0.4]), glyph(['3', 0.9])];
    expect(chooseText(line)).to.equal('6/3');
  });

  it('ends a line on what completes it when its last glyph is a near tie ("867-11", not "867-1/")', () => {
    const digits = [...'867'].map((d) => glyph([d, 0.9]));
    const line = [...digits, glyph(['-', 0.9]), glyph(['1', 0.9]), glyph(['/', 0.55], ['1', 0.35])];
    expect(chooseText(line)).to.equal('867-11');
  });

  it('still shows an operator being written when the classifier is sure of it ("12+")', () => {
    const line = [glyph(['1', 0.9]), glyph(['2', 0.9]), glyph(['+', 0.9], ['4', 0.05])];
    expect(chooseText(line)).to.equal('12+');
  });

  it('reads sure ink as written where it is no sum: a phone number and a date', () => {
    const sure = (text: string) => [...text].map((c) => glyph([c, 0.9], ['1', 0.04]));
    expect(chooseText(sure('(555)123-4567'))).to.equal('(555)123-4567');
    // The "." options of a date would parse as "24.1211" or "2411.99" and "1"s are offered.
    expect(chooseText(sure('24.12.99'))).to.equal('24.12.99');
  });

  it('reads a run of numbers joined by "-", "/" or "." as a line of its own, not bent into a sum', () => {
    const sure = (text: string) => [...text].map((c) => glyph([c, 0.9]));
    // "(555)/23-4567" is a sum, which a grammar of sums alone prefers to the likelier "1".
    const unsure = glyph(['1', 0.6], ['/', 0.4]);
    expect(chooseText([...sure('(555)'), unsure, ...sure('23-4567')])).to.equal('(555)123-4567');
    // Beyond such a run, the grammar still has its say: "(555)+" is neither.
    expect(chooseText([...sure('(555)'), glyph(['+', 0.6], ['1', 0.4])])).to.equal('(555)1');
  });

  it('lets the grammar decide where the classifier is not sure enough: odds under 20 to 1', () => {
    // After a sum, so that "=" asks for a value (see the next test for a bare number).
    const line = (p: number) => [
      ...[...'1+6'].map((c) => glyph([c, 0.9])),
      glyph(['=', p], ['/', 1 - p]),
      glyph(['3', 0.9]),
    ];
    expect(chooseText(line(0.9))).to.equal('1+6/3');
    expect(chooseText(line(0.96))).to.equal('1+6=3');
  });

  it('weighs a pair of neighbours that no line holds ("9(", "+)", "./") beyond a text that is no sum', () => {
    // A "6" that looks like a "(": odds of 140 to 1 overcome the one-off cost of a text that is
    // no sum (20 to 1), not that and the cost of the pair "9(" together (400 to 1).
    const line = (p: number) => [
      ...[...'99.'].map((c) => glyph([c, 0.9])),
      glyph(['(', p], ['6', (1 - p) / 2]),
    ];
    expect(chooseText(line(0.986))).to.equal('99.6');
    expect(chooseText(line(0.999))).to.equal('99.(');
    const close = [glyph(['1', 0.9]), glyph(['+', 0.9]), glyph([')', 0.98], ['1', 0.01])];
    expect(chooseText(close)).to.equal('1+1');
    // A decimal point is followed by a digit, in a sum as in a date.
    const point = [glyph(['2', 0.9]), glyph(['.', 0.9]), glyph(['/', 0.96], ['1', 0.03])];
    expect(chooseText(point)).to.equal('2.1');
  });

  it('reads an operator before "=" where the classifier is unsure: "9/65=", not "9165="', () => {
    const line = (p: number) => [
      glyph(['9', 0.9]),
      glyph(['1', p], ['/', 1 - p]),
      ...[...'65='].map((c) => glyph([c, 0.9])),
    ];
    expect(chooseText(line(0.8))).to.equal('9/65=');
    // Odds over 10 to 1 stand: "5=" may be meant.
    expect(chooseText(line(0.95))).to.equal('9165=');
    // Without "=", nothing asks for a sum: a number is as good a line.
    expect(chooseText(line(0.6).slice(0, -1))).to.equal('9165');
  });

  it('keeps the top symbols when no choice parses', () => {
    expect(chooseText([glyph(['*', 0.9], ['/', 0.1]), glyph([')', 1])])).to.equal('*)');
  });

  it('chooses as from scratch when a line read before changes anywhere, keeps its options or gets others', () => {
    const symbol = fc.constantFrom(...'0123456789+-*/=().'.split(''));
    const options = fc.array(
      fc.record({ symbol, logp: fc.double({ min: -5, max: 0, noNaN: true }) }),
      {
        minLength: 1,
        maxLength: 3,
      },
    );
    // Each step keeps a prefix of the last line's option arrays (the same objects), and
    // replaces or adds a few: a stroke growing at the end, a glyph split again, an undo.
    const step = fc.record({ keep: fc.nat(), fresh: fc.array(options, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const chooser = new TextChooser();
        let line: (readonly SymbolOption[])[] = [];
        for (const { keep, fresh } of steps) {
          line = [...line.slice(0, keep % (line.length + 1)), ...fresh];
          expect(chooser.choose(line)).to.equal(chooseText(line.map((o) => [...o])));
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
