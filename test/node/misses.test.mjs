// The breakdown of missed lines that bench:lines logs and stores beside each set's rates.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeBreakdown, missBreakdown } from '../../bench/lib/misses.mjs';

const misread = (writer, ...pairs) => ({
  writer,
  wrong: pairs.map(([truth, read]) => ({ truth, read })),
});

it('counts misread glyphs per pair with their writers, and lines split wrong apart', () => {
  const breakdown = missBreakdown([
    misread('a', ['1', '7']),
    misread('a', ['1', '7'], ['5', '8']),
    misread('b', ['1', '7']),
    misread('c', ['5', '8']),
    misread('c', ['0', '?']),
    { writer: 'd' }, // glyphs not matched to the truth
    { writer: 'd', wrong: [] }, // as many glyphs, none of them split right and misread
  ]);
  assert.deepEqual(breakdown, {
    lines: 7,
    split: 2,
    misread: [
      { pair: '1→7', glyphs: 3, writers: 2 },
      { pair: '5→8', glyphs: 2, writers: 2 },
      { pair: '0→?', glyphs: 1, writers: 1 },
    ],
  });
});

it('ranks pairs of equal count by writers, then by name', () => {
  const { misread: pairs } = missBreakdown([
    misread('a', ['9', '4'], ['9', '4']),
    misread('a', ['2', '7']),
    misread('b', ['2', '7']),
    misread('c', ['3', '5'], ['3', '5']),
  ]);
  assert.deepEqual(
    pairs.map((p) => p.pair),
    ['2→7', '3→5', '9→4'],
  );
});

it('describes the commonest pairs and how many more there are', () => {
  const breakdown = missBreakdown([
    misread('a', ['1', '7'], ['1', '7']),
    misread('b', ['1', '7']),
    misread('b', ['4', '9']),
    misread('c', ['6', '0']),
    { writer: 'c' },
  ]);
  assert.equal(
    describeBreakdown(breakdown, 2),
    '5 missed: 1 split wrong; 1→7 3 (2 writers), 4→9 1 (1 writer), 1 other pair',
  );
  assert.equal(describeBreakdown(missBreakdown([{ writer: 'a' }])), '1 missed: 1 split wrong');
});
