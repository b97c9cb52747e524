// Pen fixtures and stand-in models for the line reader's tests.
import { ModelSet } from '../../src/workers/model-set.js';
import type { XY } from './lines.js';

export interface FixtureLine {
  writer: string;
  text: string;
  strokes: XY[][];
  glyphs: number[][];
}

export async function fixtureLines(file = 'lines-one-writer.jsonl'): Promise<FixtureLine[]> {
  const text = await (await fetch(`/test/fixtures/unipen/${file}`)).text();
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as FixtureLine);
}

/** Two models over the 19 classes whose logits are fixed sums of the input's pixels. */
export function fakeModels(): ModelSet {
  const classes = [...'0123456789+-*/=().?'];
  const logitsOf = (input: Float32Array, model: number) =>
    classes.map((_, c) => {
      let sum = 0;
      for (let i = c; i < input.length; i += classes.length)
        sum += input[i] * (((i * 7 + model) % 13) - 6);
      return sum / 2;
    });
  const models = ['mlp', 'cnn'].map((name) => ({ name, classes, rejectBelow: 0.2 }));
  return {
    models,
    names: models.map((m) => m.name),
    logits: async (inputs: Float32Array, count: number) =>
      Object.fromEntries(
        models.map((m, k) => {
          const logits = new Float32Array(count * classes.length);
          for (let i = 0; i < count; i++) {
            logits.set(logitsOf(inputs.subarray(i * 784, (i + 1) * 784), k), i * classes.length);
          }
          return [m.name, { logits, ms: 0 }];
        }),
      ),
  } as unknown as ModelSet;
}

export interface FixtureDigit {
  id: string;
  writer: string;
  label: string;
  strokes: XY[][];
}

/** Real pen digits of held-out writers, by id. */
export async function fixtureDigits(): Promise<Map<string, FixtureDigit>> {
  const text = await (await fetch('/test/fixtures/unipen/holdout-279.jsonl')).text();
  const digits = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as FixtureDigit);
  return new Map(digits.map((d) => [d.id, d]));
}

/**
 * Glyphs laid out left to right as bench/lib/lines.mjs does: bottoms on one baseline, a gap of
 * `gap` glyph heights between boxes (the bench draws it from 0.15 to 0.45).
 */
export function layOut(glyphs: readonly (readonly XY[][])[], gap: number): XY[][] {
  const bounds = glyphs.map((g) => {
    const xs = g.flat().map((p) => p[0]);
    const ys = g.flat().map((p) => p[1]);
    return {
      x: Math.min(...xs),
      right: Math.max(...xs),
      top: Math.min(...ys),
      bottom: Math.max(...ys),
    };
  });
  const height = Math.max(...bounds.map((b) => b.bottom - b.top));
  let left = 0;
  return glyphs.flatMap((g, k) => {
    const b = bounds[k];
    const placed = g.map((s) => s.map(([x, y]): XY => [x - b.x + left, y - b.bottom]));
    left += b.right - b.x + gap * height;
    return placed;
  });
}

export const sorted = (split: readonly (readonly number[])[]) =>
  JSON.stringify(split.map((g) => [...g].sort((a, b) => a - b)));

/** One model over the 19 classes that gives every glyph the same probabilities. */
export function steadyModel(probabilities: Record<string, number>, rejectBelow: number): ModelSet {
  const classes = [...'0123456789+-*/=().?'];
  const rest = (1 - Object.values(probabilities).reduce((a, b) => a + b, 0)) / classes.length;
  const logp = classes.map((c) => Math.log((probabilities[c] ?? 0) + rest));
  const models = [{ name: 'cnn', classes, rejectBelow }];
  return {
    models,
    names: ['cnn'],
    logits: async (_: Float32Array, count: number) => ({
      cnn: {
        logits: Float32Array.from({ length: count * classes.length }, (_, i) => logp[i % 19]),
        ms: 0,
      },
    }),
  } as unknown as ModelSet;
}

/**
 * For a `describe` on real pen lines: loads the shipped CNN and the one-writer fixture lines
 * before its tests and releases the model after them. The fields are set once `before` ran.
 */
export function realPenLines(): { set: ModelSet; lines: FixtureLine[] } {
  const fixture = {} as { set: ModelSet; lines: FixtureLine[] };
  before(async () => {
    fixture.set = await shippedCnn();
    fixture.lines = await fixtureLines();
  });
  after(() => fixture.set.release());
  return fixture;
}

/** The shipped fp32 CNN, loaded as the worker loads it. */
export function shippedCnn(): Promise<ModelSet> {
  const cnn = { name: 'cnn', url: '/models/cnn.onnx' };
  return ModelSet.load([cnn], 5e7, new AbortController().signal);
}
