/**
 * Digits written without lifting the pen: a stroke wide enough to hold two digits is cut where
 * the pen crosses from one to the next, so that segmentation can read its parts as glyphs of
 * their own, or keep them together. The parts touch at the cut, so keeping them together costs
 * a candidate nothing: the classifier decides between the whole stroke and its parts.
 *
 * A cut is where the stroke is separable in writing order: everything written before it lies to
 * its left and everything after to its right (within SLACK). That holds on the connecting
 * stroke between two joined digits, and in no digit that can be wide: a wide 0, 2 or 7 turns
 * back over itself.
 */
import { glyphHeight } from './geometry.js';
import type { PackedInk } from './ink.js';
import { measureStrokes, type StrokeMeasure } from './measures.js';

/** Only strokes at least this many glyph heights wide and half a glyph tall are cut. */
const MIN_WIDTH = 1;
const MIN_HEIGHT = 0.5;
/** Each part is at least this tall, in glyph heights: a digit, not a tail or a ligature. */
const PART_HEIGHT = 0.4;
/** The pen's path between two joined digits spans at least this much in x, in glyph heights. */
const PATH = 0.15;
/** How far a part may reach back over the cut, in glyph heights. */
const SLACK = 0.05;
/** Cuts nest at most this deep: up to four digits in one stroke. */
const MAX_CUTS = 2;

export interface CutInk {
  /** The ink with each cut stroke replaced by its parts, in writing order. */
  readonly ink: PackedInk;
  /**
   * The same strokes for the classifier: a part alone leaves out the pen's path to its
   * neighbour, which the models never saw on a digit (a 5 with a tail reads 3).
   */
  readonly shapes: PackedInk;
  /** For each stroke of `ink`, the index of the stroke of the original ink it comes from. */
  readonly source: readonly number[];
}

/**
 * The ink with its joined digits cut apart; the same ink when no stroke needs a cut. `measures`
 * are the ink's own (measures.ts), given by a caller that keeps them.
 */
export function cutJoined(
  ink: PackedInk,
  measures: readonly StrokeMeasure[] = measureStrokes(ink),
): CutInk {
  const height = glyphHeight(measures);
  const parts: Part[][] = measures.map(({ box }, s) => {
    const [a, b] = [s ? ink.ends[s - 1] : 0, ink.ends[s]];
    const whole = { a, b, shapeA: a, shapeB: b };
    const wide = box.width >= MIN_WIDTH * height && box.height >= MIN_HEIGHT * height;
    return wide ? cutPart(ink.points, whole, height, MAX_CUTS) : [whole];
  });
  if (parts.every((p) => p.length === 1))
    return { ink, shapes: ink, source: measures.map((_, s) => s) };
  return pack(ink, parts);
}

/** Point ranges [a, b) of a part, and [shapeA, shapeB) of its shape for the classifier. */
interface Part {
  readonly a: number;
  readonly b: number;
  readonly shapeA: number;
  readonly shapeB: number;
}

/** The part cut at its best separable point, recursively. */
function cutPart(points: Float32Array, part: Part, height: number, cuts: number): Part[] {
  const cut = cuts > 0 ? bestCut(points, part.a, part.b, height) : null;
  if (!cut) return [part];
  // The parts share the point at the cut, so that they touch; their shapes stop where the
  // separable stretch of the pen's path begins and ends.
  return [
    ...cutPart(points, { ...part, b: cut.at + 1, shapeB: cut.from + 1 }, height, cuts - 1),
    ...cutPart(points, { ...part, a: cut.at, shapeA: cut.to }, height, cuts - 1),
  ];
}

/**
 * The separable point whose parts are the most even in width, both tall enough to be digits,
 * on a stretch of separable points that spans at least PATH glyph heights in x: the pen's path
 * from one digit to the next. (A "0" left open at the bottom is separable only around its
 * lowest point.) Null if there is none. Measured on joined lines, cutting in the middle of that
 * path, or where it leaves the first digit, read fewer lines right. `from` and `to` are the
 * stretch's first and last points.
 */
function bestCut(
  points: Float32Array,
  start: number,
  end: number,
  height: number,
): { at: number; from: number; to: number } | null {
  const n = end - start;
  if (n < 4) return null;
  const x = (i: number) => points[(start + i) * 2];
  const y = (i: number) => points[(start + i) * 2 + 1];
  // Extents of the points up to and from each point: the two parts of a cut there.
  const before = runningBoxes(n, x, y);
  const after = runningBoxes(
    n,
    (i) => x(n - 1 - i),
    (i) => y(n - 1 - i),
  ).reverse();
  const slack = SLACK * height;
  const separable = (i: number) =>
    before[i].maxX <= x(i) + slack &&
    after[i].minX >= x(i) - slack &&
    Math.min(before[i].maxY - before[i].minY, after[i].maxY - after[i].minY) >=
      PART_HEIGHT * height;
  let best: { at: number; from: number; to: number } | null = null;
  let bestEven = 0;
  for (let i = 1; i < n - 1; i++) {
    if (!separable(i)) continue;
    // A stretch of separable points, i..j-1.
    let j = i;
    let [lo, hi] = [Infinity, -Infinity];
    for (; j < n - 1 && separable(j); j++) [lo, hi] = [Math.min(lo, x(j)), Math.max(hi, x(j))];
    if (hi - lo >= PATH * height) {
      for (let k = i; k < j; k++) {
        const even = Math.min(before[k].maxX - before[k].minX, after[k].maxX - after[k].minX);
        if (even > bestEven) {
          best = { at: start + k, from: start + i, to: start + j - 1 };
          bestEven = even;
        }
      }
    }
    i = j;
  }
  return best;
}

interface Extent {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Extent of points 0..i, for each i. */
function runningBoxes(n: number, x: (i: number) => number, y: (i: number) => number): Extent[] {
  const out: Extent[] = [];
  let e = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (let i = 0; i < n; i++) {
    e = {
      minX: Math.min(e.minX, x(i)),
      maxX: Math.max(e.maxX, x(i)),
      minY: Math.min(e.minY, y(i)),
      maxY: Math.max(e.maxY, y(i)),
    };
    out.push(e);
  }
  return out;
}

/** Packed ink of the parts, and of their shapes; a part keeps its stroke's id and times. */
function pack(ink: PackedInk, parts: readonly Part[][]): CutInk {
  const flat = parts.flatMap((p, s) => p.map((part) => ({ s, ...part })));
  const source = flat.map((r) => r.s);
  const ids = Uint32Array.from(source, (s) => ink.ids[s]);
  const times = Float64Array.from(source.flatMap((s) => [ink.times[s * 2], ink.times[s * 2 + 1]]));
  const packRanges = (ranges: readonly (readonly [number, number])[]): PackedInk => {
    const points = new Float32Array(ranges.reduce((n, [a, b]) => n + (b - a), 0) * 2);
    const ends = new Uint32Array(ranges.length);
    let at = 0;
    ranges.forEach(([a, b], k) => {
      points.set(ink.points.subarray(a * 2, b * 2), at * 2);
      ends[k] = at += b - a;
    });
    return { points, ends, ids, times };
  };
  return {
    ink: packRanges(flat.map((r) => [r.a, r.b])),
    // A part whose path trimmed from both sides overlaps keeps its whole range.
    shapes: packRanges(
      flat.map((r) => (r.shapeB - r.shapeA >= 2 ? [r.shapeA, r.shapeB] : [r.a, r.b])),
    ),
    source,
  };
}
