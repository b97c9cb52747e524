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
/** Just the geometry of packed ink: what preprocessing and box measuring read. */
export interface StrokePoints {
  readonly points: Float32Array;
  readonly ends: Uint32Array;
}

export interface PackedInk extends StrokePoints {
  /**
   * Stroke ids: stable for a stroke's life and never reused within a pad's life (undo and redo
   * restore the same id), so the worker can cache per-glyph work on them.
   */
  readonly ids: Uint32Array;
  /** Start and end time (ms) of stroke i at [2i] and [2i+1]; typed glyphs get synthetic ones. */
  readonly times: Float64Array;
}

/**
 * Per-stroke ids and times for `packInk`; without them, ids count from 0 and times are
 * synthetic.
 */
export interface StrokeStamps {
  readonly ids: ArrayLike<number>;
  readonly times: ArrayLike<number>;
}

/** Synthetic pacing for strokes without real times: one stroke per 300 ms, each 200 ms long. */
const SYNTHETIC_PERIOD_MS = 300;
const SYNTHETIC_STROKE_MS = 200;

export function packInk(ink: Ink, stamps?: StrokeStamps): PackedInk {
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
  const ids = stamps ? Uint32Array.from(stamps.ids) : Uint32Array.from(ink, (_, s) => s);
  const times = stamps
    ? Float64Array.from(stamps.times)
    : Float64Array.from(
        { length: ink.length * 2 },
        (_, k) => Math.floor(k / 2) * SYNTHETIC_PERIOD_MS + (k % 2) * SYNTHETIC_STROKE_MS,
      );
  return { points, ends, ids, times };
}

export function unpackInk({ points, ends }: StrokePoints): Ink {
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

/** The chosen strokes, in the given order, as packed geometry. */
export function pickStrokes(
  { points, ends }: StrokePoints,
  strokes: readonly number[],
): StrokePoints {
  const starts = (s: number) => (s === 0 ? 0 : ends[s - 1]);
  const count = strokes.reduce((n, s) => n + ends[s] - starts(s), 0);
  const picked = new Float32Array(count * 2);
  const pickedEnds = new Uint32Array(strokes.length);
  let at = 0;
  strokes.forEach((s, k) => {
    picked.set(points.subarray(starts(s) * 2, ends[s] * 2), at * 2);
    at += ends[s] - starts(s);
    pickedEnds[k] = at;
  });
  return { points: picked, ends: pickedEnds };
}
