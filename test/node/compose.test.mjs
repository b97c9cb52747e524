// The ink that scripts/pen-data.mjs composes for training: a flagged "1" must stay a "1" (a
// short steep flag into the top of its own stem), and only a plain one-stroke "1" gets one; a
// glyph whose strokes are moved apart keeps each stroke's shape and stays near where it was.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { compose, composeFlaggedOnes, composeJittered } from '../../scripts/lib/compose.mjs';

const stem = (x = 50, top = 0, bottom = 200) =>
  Array.from({ length: 21 }, (_, i) => [x + i * 0.5, top + ((bottom - top) * i) / 20]);
const one = (strokes, id = 'w/a#1') => ({
  id,
  source: 'w',
  writer: 'a',
  part: 'train',
  label: '1',
  strokes,
});

it('gives a plain "1" a flag leading into the top of its stroke, and sometimes a foot', () => {
  const ones = Array.from({ length: 40 }, (_, n) => one([stem()], `w/a#${n}`));
  const flagged = composeFlaggedOnes(ones);
  assert.equal(flagged.length, 40);
  let feet = 0;
  for (const glyph of flagged) {
    assert.equal(glyph.label, 'flagged 1');
    const [first, ...rest] = glyph.strokes;
    const top = first.findIndex(([x, y]) => x === 50 && y === 0);
    assert.ok(top > 1, 'the flag comes before the stem, in the same stroke');
    assert.deepEqual(first.slice(top), stem(), 'the stem is the real stroke, unchanged');
    const [fx, fy] = first[0];
    const length = Math.hypot(50 - fx, fy);
    const angle = (Math.atan2(fy, 50 - fx) * 180) / Math.PI;
    assert.ok(length >= 0.2 * 200 - 1e-9 && length <= 0.4 * 200 + 1e-9, `flag length ${length}`);
    assert.ok(angle >= 25 - 1e-9 && angle <= 60 + 1e-9, `flag angle ${angle}°`);
    for (let i = 1; i < top; i++) assert.ok(first[i][0] > first[i - 1][0], 'the flag runs right');
    if (rest.length) {
      feet++;
      const [foot] = rest;
      const ys = foot.map(([, y]) => y);
      assert.ok(Math.min(...ys) >= 200 - 10 && Math.max(...ys) <= 200 + 15, 'under the stem');
      assert.ok(foot.at(-1)[0] - foot[0][0] >= 0.3 * 200 - 1e-9, 'as wide as stated');
    }
  }
  assert.ok(feet > 5 && feet < 30, `${feet} of 40 have a foot, about two in five`);
});

it('leaves every other "1" alone: already wide, several strokes, written bottom up', () => {
  const wide = one([
    [
      [0, 0],
      [60, 10],
      [50, 200],
    ],
  ]);
  const twoStrokes = one([
    stem(),
    [
      [20, 200],
      [80, 200],
    ],
  ]);
  const bottomUp = one([stem().reverse()]);
  const seven = { ...one([stem()]), label: '7' };
  assert.deepEqual(composeFlaggedOnes([wide, twoStrokes, bottomUp, seven]), []);
});

it('is seeded: the same pool composes the same ink', () => {
  const pool = [
    one([stem()]),
    {
      ...one([
        [
          [0, 0],
          [100, 0],
        ],
      ]),
      label: '-',
    },
  ];
  const on = { flaggedOnes: true };
  assert.deepEqual(compose(pool, on), compose(pool, on));
  assert.ok(compose(pool, on).some((s) => s.label === 'flagged 1'));
  assert.ok(!compose(pool).some((s) => s.label === 'flagged 1'), 'only on request');
});

const box = (points) => {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
};

it('moves each stroke of a glyph of several strokes a little, and leaves one-stroke glyphs and non-symbols alone', () => {
  const four = (n) => ({
    ...one(
      [
        stem(50, 0, 200),
        [
          [0, 120],
          [40, 120],
          [80, 120],
          [100, 120],
        ],
      ],
      `w/a#${n}`,
    ),
    label: '4',
  });
  const pool = [
    ...Array.from({ length: 30 }, (_, n) => four(n)),
    one([stem()]),
    { ...four(99), label: '%' },
    { ...four(98), label: '.' },
  ];
  const moved = composeJittered(pool);
  assert.equal(moved.length, 30, 'only the glyphs of several strokes, not "%" or "."');
  let shifted = 0;
  moved.forEach((glyph, n) => {
    const real = pool[n];
    assert.equal(glyph.label, 'jittered 4');
    assert.equal(glyph.strokes.length, real.strokes.length);
    glyph.strokes.forEach((stroke, s) => {
      const before = real.strokes[s];
      assert.equal(stroke.length, before.length, 'every pen point kept');
      const [a, b] = [box(before), box(stroke)];
      const away = Math.hypot(b.x - a.x, b.y - a.y);
      assert.ok(
        away <= Math.SQRT2 * 0.07 * 200 + 1e-9,
        `moved ${away}, at most 7% of 200 each way`,
      );
      if (away > 1) shifted++;
      // Turned and scaled about its centre: the stroke's length changes by at most 10%.
      const length = (points) =>
        points
          .slice(1)
          .reduce((sum, p, i) => sum + Math.hypot(p[0] - points[i][0], p[1] - points[i][1]), 0);
      const ratio = length(stroke) / length(before);
      assert.ok(ratio >= 0.9 - 1e-9 && ratio <= 1.1 + 1e-9, `scaled by ${ratio}`);
    });
  });
  assert.ok(shifted > 40, `${shifted} of 60 strokes moved by more than a pen point`);
  assert.deepEqual(composeJittered(pool), moved, 'seeded');
  assert.ok(!compose(pool).some((s) => s.label.startsWith('jittered ')), 'only on request');
  assert.ok(compose(pool, { jitter: true }).some((s) => s.label === 'jittered 4'));
});
