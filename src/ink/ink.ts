/**
 * Ink is kept as strokes, not pixels, so that a later stage can split one drawing into several
 * glyphs (multi-digit numbers, arithmetic).
 *
 * Coordinates are pad-normalised: the origin is the pad's centre and 1 unit is the pad's shorter
 * side. Ink therefore survives resizes, zoom and devicePixelRatio changes without resampling.
 */
export interface InkPoint {
  readonly x: number;
  readonly y: number;
}

export type Stroke = readonly InkPoint[];
export type Ink = readonly Stroke[];

/**
 * The flat, transferable form of ink that crosses the worker boundary: `points` holds x,y pairs
 * and `ends[i]` is the pair index one past the end of stroke i. `ids[i]` is stroke i's stable id
 * (never reused within a pad's life, kept across undo and redo), and `times[2i]`, `times[2i+1]`
 * its start and end, in ms.
 */
export interface PackedInk {
  readonly points: Float32Array;
  readonly ends: Uint32Array;
  readonly ids: Uint32Array;
  readonly times: Float64Array;
}

/** Without ids and times, strokes are numbered in order and spaced 100 ms apart. */
export function packInk(
  ink: Ink,
  ids: ArrayLike<number> = ink.map((_, i) => i),
  times: ArrayLike<number> = ink.flatMap((_, i) => [i * 100, i * 100 + 50]),
): PackedInk {
  let count = 0;
  for (const stroke of ink) count += stroke.length;
  const points = new Float32Array(count * 2);
  const ends = new Uint32Array(ink.length);
  let i = 0;
  ink.forEach((stroke, s) => {
    for (const p of stroke) {
      points[i * 2] = p.x;
      points[i * 2 + 1] = p.y;
      i++;
    }
    ends[s] = i;
  });
  return { points, ends, ids: Uint32Array.from(ids), times: Float64Array.from(times) };
}

export function unpackInk({ points, ends }: PackedInk): Ink {
  const ink: InkPoint[][] = [];
  let start = 0;
  for (const end of ends) {
    const stroke: InkPoint[] = [];
    for (let i = start; i < end; i++) stroke.push({ x: points[i * 2], y: points[i * 2 + 1] });
    ink.push(stroke);
    start = end;
  }
  return ink;
}
