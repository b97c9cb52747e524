import { packInk, type Ink, type PackedInk } from '../../src/ink/ink.js';
import { digitGlyph } from '../../src/ink/glyphs.js';

export type XY = readonly [number, number];

/** Raw strokes ([x, y] pairs, y down) as packed ink with ids 0..n-1 (or from `firstId`). */
export function packed(strokes: readonly (readonly XY[])[], firstId = 0): PackedInk {
  return packedWithIds(
    strokes,
    strokes.map((_, i) => firstId + i),
  );
}

/** Raw strokes as packed ink with the given stroke ids. */
export function packedWithIds(
  strokes: readonly (readonly XY[])[],
  ids: readonly number[],
): PackedInk {
  const ink: Ink = strokes.map((s) => s.map(([x, y]) => ({ x, y })));
  return packInk(ink, { ids, times: strokes.flatMap((_, i) => [i * 300, i * 300 + 200]) });
}

/** A straight stroke from a to b, sampled every `step`. */
export function line(a: XY, b: XY, step = 0.02): XY[] {
  const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
  return Array.from({ length: n + 1 }, (_, i) => [
    a[0] + ((b[0] - a[0]) * i) / n,
    a[1] + ((b[1] - a[1]) * i) / n,
  ]);
}

/** A small round dot of radius r centred on c. */
export function dot(c: XY, r = 0.02): XY[] {
  return Array.from({ length: 9 }, (_, i) => [
    c[0] + r * Math.cos((i / 8) * 2 * Math.PI),
    c[1] + r * Math.sin((i / 8) * 2 * Math.PI),
  ]);
}

/**
 * The typed glyph of a digit as strokes one unit tall, its box's left edge at x, top at 0,
 * sheared by `slant` (x moves right by slant × height above the baseline).
 */
export function digit(d: number, x: number, slant = 0): XY[][] {
  const strokes = digitGlyph(d);
  const points = strokes.flat();
  const minX = Math.min(...points.map((p) => p.x));
  const minY = Math.min(...points.map((p) => p.y));
  const scale = 1 / (Math.max(...points.map((p) => p.y)) - minY);
  return strokes.map((s) =>
    s.map((p): XY => {
      const y = (p.y - minY) * scale;
      return [x + (p.x - minX) * scale + slant * (1 - y), y];
    }),
  );
}

/** Two strokes written as one: `a`, the pen's straight path to the start of `b`, then `b`. */
export function joined(a: readonly XY[], b: readonly XY[], step = 0.02): XY[] {
  return [...a, ...line(a[a.length - 1], b[0], step).slice(1, -1), ...b];
}
