/**
 * Boxes of strokes in packed ink, and the line's glyph height, which decides what "small" and
 * "flat" mean for a glyph ("." and "-" are told apart from digits by size, not shape).
 */
import type { StrokePoints } from './ink.js';
import { measureStrokes, type StrokeMeasure } from './measures.js';

/** A rectangle in pad units (the units of the ink). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The bounding box of each stroke (a one-point stroke has a zero-size box). */
export function strokeBoxes(ink: StrokePoints): Box[] {
  return measureStrokes(ink).map((m) => m.box);
}

/**
 * Smaller than this fraction of the line's glyph height either way, a glyph or stroke is a
 * speck: a dot, never a digit, a "-" or a full-size divide sign.
 */
export const SPECK_SIZE = 0.25;

export const isSpeck = (box: Box, height: number): boolean =>
  Math.max(box.width, box.height) < SPECK_SIZE * height;

/** The x of a box's centre: where a stroke or glyph stands along the line. */
export const centreX = (box: Box): number => box.x + box.width / 2;

/** Whether one box lies wholly above the other. */
export const apartInY = (a: Box, b: Box): boolean => a.y > b.y + b.height || b.y > a.y + a.height;

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
 * The height of a full-size glyph in this line: the median height of the tall strokes, those
 * from half to twice the height of the tallest curved stroke of plausible size (a digit's
 * body). Bars, dots and the pieces of multi-stroke glyphs fall below that cut and do not drag
 * it down. Parentheses and slashes, which people often write far taller than their digits (in
 * UNIPEN, 5 to 8% of "(", ")" and "/" are over twice their writer's digit height), are
 * near-straight, so they do not set the cut, and the tallest stand above it.
 *
 * One stroke far off the line's typical size must not set the scale for all the others: a "."
 * pressed into a big blot, or a small hook that is the only curved stroke, made every digit of
 * the line look tiny or huge, and the whole line fell apart into "=" and "?". So only curved
 * strokes within OUTSIZED of the line's typical upright stroke count as a digit's body; a line
 * of only straight strokes ("1", "(1)") is measured on the tallest of those. A line of only
 * flat strokes and specks ("-", "=", "-.") falls back to the widest stroke's width, but one
 * long bar beside digits does not make it such a line.
 */
export function glyphHeight(strokes: readonly StrokeMeasure[]): number {
  const boxes = strokes.map((m) => m.box);
  const widest = Math.max(0, ...boxes.map((b) => b.width));
  // Bars have no height to speak of; every other stroke, dots included, is upright here.
  const upright = boxes.map((_, s) => s).filter((s) => boxes[s].height >= FLAT * boxes[s].width);
  const uprightHeights = upright.map((s) => boxes[s].height);
  const tallest = Math.max(0, ...uprightHeights);
  if (tallest < widest / ONLY_BARS) return Math.max(widest, 1e-6);
  // The upper quartile, not the median: the dots of "." and ":" are often as many as the
  // digits' strokes, and must not outvote them.
  const descending = [...uprightHeights].sort((a, b) => b - a);
  // Taps are upright strokes with no height at all: a line of a "1" and many taps is not flat.
  const typical = descending[descending.length >> 2] || tallest;
  const plausible = (h: number) => h <= OUTSIZED * typical && h >= typical / OUTSIZED;
  const curved = upright
    .filter((s) => strokes[s].length >= CURVED * Math.hypot(boxes[s].width, boxes[s].height))
    .map((s) => boxes[s].height)
    .filter(plausible);
  const reference = Math.max(0, ...curved) || Math.max(...uprightHeights.filter(plausible));
  const tall = boxes
    .map((b) => b.height)
    .filter((h) => h >= reference / 2 && h <= 2 * reference)
    .sort((a, b) => a - b);
  return Math.max(tall[tall.length >> 1], 1e-6);
}

/** A stroke less tall than this fraction of its width is a bar ("-", a 7's top), not upright. */
const FLAT = 1 / 3;

/**
 * A line whose widest stroke is over this many times its tallest upright stroke holds only bars
 * and specks: no digit stands beside a bar six times its height.
 */
const ONLY_BARS = 6;

/** How many times taller or shorter than the typical upright stroke a digit's body may be. */
const OUTSIZED = 2.5;

/**
 * A stroke is curved when its path is this much longer than its box's diagonal: a "0", "2" or
 * "3" is, a "(", "/" or the stem of a "1" is not.
 */
const CURVED = 1.5;
