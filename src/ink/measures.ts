/**
 * What the line's geometry reads of each stroke: its box and the length of its path. Both walk
 * every point, and a pen report changes one stroke, so a line reader keeps them across reports
 * (`MeasureCache`): the cost of measuring a line then stays flat as the line grows.
 */
import type { Box } from './geometry.js';
import type { PackedInk, StrokePoints } from './ink.js';

export interface StrokeMeasure {
  readonly box: Box;
  /** Length of the pen's path through the stroke's points. */
  readonly length: number;
}

const EMPTY: StrokeMeasure = { box: { x: 0, y: 0, width: 0, height: 0 }, length: 0 };

/** One stroke's measure, points [start, end) of `points` (a stroke without points has none). */
function measureOf(points: Float32Array, start: number, end: number): StrokeMeasure {
  if (end <= start) return EMPTY;
  let [minX, minY] = [Infinity, Infinity];
  let [maxX, maxY] = [-Infinity, -Infinity];
  let length = 0;
  // Plain variables: this runs over every point of a stroke that changed.
  for (let i = start; i < end; i++) {
    const x = points[i * 2];
    const y = points[i * 2 + 1];
    if (i > start) length += Math.hypot(x - points[i * 2 - 2], y - points[i * 2 - 1]);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY }, length };
}

/** Every stroke's measure, in stroke order. */
export function measureStrokes({ points, ends }: StrokePoints): StrokeMeasure[] {
  return Array.from(ends, (end, s) => measureOf(points, s ? ends[s - 1] : 0, end));
}

/**
 * Measures kept per stroke across pen reports. A stroke is known by its id and point count, which
 * identify its content under the protocol's rules, and its last point, so that a client reusing
 * ids for new ink gets a new measure, not a stale one. Only the strokes of the latest call are
 * kept.
 */
export class MeasureCache {
  private kept = new Map<number, Kept>();

  of({ points, ends, ids }: PackedInk): StrokeMeasure[] {
    const next = new Map<number, Kept>();
    const measures = Array.from(ends, (end, s) => {
      const start = s ? ends[s - 1] : 0;
      const [count, x, y] = [end - start, points[end * 2 - 2], points[end * 2 - 1]];
      const old = this.kept.get(ids[s]) ?? next.get(ids[s]);
      const same = old?.count === count && Object.is(old.x, x) && Object.is(old.y, y);
      const measure = same ? old.measure : measureOf(points, start, end);
      next.set(ids[s], { count, x, y, measure });
      return measure;
    });
    this.kept = next;
    return measures;
  }

  clear(): void {
    this.kept.clear();
  }
}

interface Kept {
  readonly count: number;
  /** The stroke's last point. */
  readonly x: number;
  readonly y: number;
  readonly measure: StrokeMeasure;
}
