// The ink that scripts/pen-data.mjs composes for training: a flagged "1" must stay a "1" (a
// short steep flag into the top of its own stem), and only a plain one-stroke "1" gets one.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { compose, composeFlaggedOnes } from '../../scripts/lib/compose.mjs';

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
