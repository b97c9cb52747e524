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
 * and `ends[i]` is the pair index one past the end of stroke i.
 */
export interface PackedInk {
  readonly points: Float32Array;
  readonly ends: Uint32Array;
}

export function packInk(ink: Ink): PackedInk {
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
  return { points, ends };
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
