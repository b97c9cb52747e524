// The writer-resampled interval that bench:lines reports beside each exact-match rate.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clusterInterval } from '../../bench/lib/stats.mjs';
import { seeded } from '../../bench/lib/lines.mjs';

const lines = (cluster, right, wrong) => [
  ...Array.from({ length: right }, () => ({ cluster, right: true })),
  ...Array.from({ length: wrong }, () => ({ cluster, right: false })),
];

it('is a point when every writer reads alike', () => {
  const items = ['a', 'b', 'c'].flatMap((w) => lines(w, 9, 1));
  assert.deepEqual(clusterInterval(items, seeded(1)), [0.9, 0.9]);
});

it('is wide when one writer holds the misses, and holds the pooled share', () => {
  // 10 writers, 25 lines each; one writer misses 20: 92% pooled.
  const items = Array.from({ length: 10 }, (_, k) => lines(`w${k}`, k ? 25 : 5, k ? 0 : 20)).flat();
  const [low, high] = clusterInterval(items, seeded(2));
  assert.ok(low < 0.92 && 0.92 <= high, `${low} ${high}`);
  assert.ok(high === 1, `a draw without that writer reads all lines: ${high}`);
  assert.ok(low <= 0.85, `a draw with that writer twice or more: ${low}`);
  // Spread evenly over the writers, the same misses leave a narrower interval.
  const even = Array.from({ length: 10 }, (_, k) => lines(`w${k}`, 23, 2)).flat();
  const [evenLow, evenHigh] = clusterInterval(even, seeded(2));
  assert.ok(evenHigh - evenLow < high - low, `${evenLow} ${evenHigh}`);
});

it('is the same for the same seed, and says nothing of no lines', () => {
  const items = Array.from({ length: 6 }, (_, k) => lines(`w${k}`, 20 - k, k)).flat();
  assert.deepEqual(clusterInterval(items, seeded(3)), clusterInterval(items, seeded(3)));
  assert.deepEqual(clusterInterval([], seeded(3)), [null, null]);
});
