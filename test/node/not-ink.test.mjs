// The rule that keeps samples which are no pen ink out of training (scripts/pen-data.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { notInk } from '../../scripts/lib/not-ink.mjs';

const fixture = (name) =>
  readFileSync(new URL(`../fixtures/unipen/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/** A writer's digits, 100 units tall, drawn densely. */
const digits = Array.from({ length: 5 }, (_, k) => ({
  source: 's',
  writer: 'w',
  label: String(k),
  strokes: [Array.from({ length: 21 }, (_, i) => [k * 80 + (i % 3), i * 5])],
}));
const symbol = (label, strokes, writer = 'w') => ({ source: 's', writer, label, strokes });

it('flags a "." that jumps across several digit heights in three points, as ibm\'s do', () => {
  const jump = symbol('.', [
    [
      [0, 0],
      [700, 300],
      [702, 301],
    ],
  ]);
  const dot = symbol('.', [
    [
      [0, 0],
      [4, 3],
      [6, 8],
      [2, 9],
    ],
  ]);
  const judge = notInk([...digits, jump, dot]);
  assert.equal(judge(jump), true);
  assert.equal(judge(dot), false);
  assert.equal(digits.some(judge), false);
});

it("judges a step against its own writer, and not at all without that writer's digits", () => {
  // 160 units is 1.6 of this writer's digit height, but 0.16 of a writer who writes 1000 tall.
  const step = [
    [
      [0, 0],
      [160, 0],
    ],
  ];
  const tall = digits.map((d) => ({
    ...d,
    writer: 'tall',
    strokes: [d.strokes[0].map(([x, y]) => [x, y * 10])],
  }));
  const judge = notInk([...digits, ...tall]);
  assert.equal(judge(symbol('-', step)), true);
  assert.equal(judge(symbol('-', step, 'tall')), false);
  assert.equal(judge(symbol('-', step, 'nobody')), false);
});

it('leaves every committed real pen digit in', () => {
  const samples = fixture('holdout-279.jsonl');
  const judge = notInk(samples);
  assert.equal(samples.length, 279);
  assert.deepEqual(
    samples.filter(judge).map((s) => s.id),
    [],
  );
});
