/**
 * Boxes of strokes in packed ink, and the line's glyph height, which decides what "small" and
 * "flat" mean for a glyph ("." and "-" are told apart from digits by size, not shape).
 */
import type { StrokePoints } from './ink.js';

/** A rectangle in pad units (the units of the ink). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The bounding box of each stroke (a one-point stroke has a zero-size box). */
export function strokeBoxes({ points, ends }: StrokePoints): Box[] {
  const boxes: Box[] = [];
  let start = 0;
  for (const end of ends) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    // Plain variables: this runs over every point of the line at each pen report.
    for (let i = start; i < end; i++) {
      const x = points[i * 2];
      const y = points[i * 2 + 1];
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    boxes.push(
      end > start
        ? { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
        : { x: 0, y: 0, width: 0, height: 0 },
    );
    start = end;
  }
  return boxes;
}

export function unionBox(boxes: readonly Box[]): Box {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The height of a full-size glyph in this line: the median height of the tall strokes (at
 * least half the tallest). Bars, dots and the pieces of multi-stroke glyphs fall below that
 * cut and do not drag it down. A line of only flat strokes falls back to their width.
 */
export function glyphHeight(boxes: readonly Box[]): number {
  const tallest = Math.max(0, ...boxes.map((b) => b.height));
  const widest = Math.max(0, ...boxes.map((b) => b.width));
  if (tallest < widest / 3) return Math.max(widest, 1e-6);
  const tall = boxes
    .map((b) => b.height)
    .filter((h) => h >= tallest / 2)
    .sort((a, b) => a - b);
  return Math.max(tall[tall.length >> 1], 1e-6);
}
