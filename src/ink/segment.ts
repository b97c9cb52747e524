/**
 * Recognition-driven segmentation of a line of ink into glyphs, online, from strokes.
 *
 * 1. `planLine` orders the strokes left to right (by the centre of their boxes, which keeps a
 *    late bar beside its stem: a 7's bar or a 4's stem written after the next glyph) and makes
 *    candidate glyphs: runs of one to `MAX_GROUP` neighbouring strokes that were written close
 *    in time order and touch or nearly touch in x.
 * 2. The caller scores each candidate (classifier and geometry, see glyph-score.ts); the
 *    score is a log-likelihood, so this module stays pure and testable.
 * 3. `bestSplit` picks the left-to-right split with the highest total score by dynamic
 *    programming over the ordered strokes.
 */
import { glyphHeight, strokeBoxes, unionBox, type Box } from './geometry.js';
import type { PackedInk } from './ink.js';

/** Most strokes in one glyph: two-stroke 4, 5, 7, "=", "+"; three-stroke "÷", "*", 4 with serif. */
export const MAX_GROUP = 3;
/** Strokes of one glyph lie within this many places of each other in writing order. */
const MAX_ORDER_SPAN = 3;
/** Strokes further apart in x than this fraction of the glyph height are never one glyph. */
const MAX_GAP = 0.25;
/** No glyph is wider than this many glyph heights (a wide "-" or "=" stays well under). */
const MAX_WIDTH = 2.2;

export interface Candidate {
  /** Strokes it holds, as indices into the ink, in writing order. */
  readonly strokes: readonly number[];
  /** Stable cache key: the stroke ids, in writing order. */
  readonly key: string;
  readonly box: Box;
  /** Its run in the left-to-right order of strokes: positions start..end-1. */
  readonly start: number;
  readonly end: number;
}

export interface LinePlan {
  /** Stroke indices, left to right. */
  readonly order: readonly number[];
  /** Height of a full-size glyph in this line, in ink units. */
  readonly height: number;
  readonly candidates: readonly Candidate[];
}

export function planLine(ink: PackedInk): LinePlan {
  const boxes = strokeBoxes(ink);
  const height = glyphHeight(boxes);
  const centre = (i: number) => boxes[i].x + boxes[i].width / 2;
  const order = boxes.map((_, i) => i).sort((a, b) => centre(a) - centre(b) || a - b);
  const candidates: Candidate[] = [];
  for (let start = 0; start < order.length; start++) {
    for (let end = start + 1; end <= Math.min(order.length, start + MAX_GROUP); end++) {
      const strokes = order.slice(start, end).sort((a, b) => a - b);
      const parts = strokes.map((i) => boxes[i]);
      const box = unionBox(parts);
      const single = strokes.length === 1;
      if (!single && !groupable(strokes, parts, box, height)) continue;
      const key = strokes.map((i) => ink.ids[i]).join(',');
      candidates.push({ strokes, key, box, start, end });
    }
  }
  return { order, height, candidates };
}

function groupable(strokes: readonly number[], parts: readonly Box[], box: Box, height: number) {
  return (
    strokes[strokes.length - 1] - strokes[0] <= MAX_ORDER_SPAN &&
    box.width <= MAX_WIDTH * height &&
    connectedInX(parts, MAX_GAP * height)
  );
}

/** Whether the x-intervals of the boxes, widened by `slack`, form one connected run. */
function connectedInX(boxes: readonly Box[], slack: number): boolean {
  const spans = boxes.map((b) => [b.x, b.x + b.width]).sort((a, b) => a[0] - b[0]);
  let reach = spans[0][1];
  for (const [left, right] of spans.slice(1)) {
    if (left - reach > slack) return false;
    reach = Math.max(reach, right);
  }
  return true;
}

/**
 * The candidates that cover every stroke once, left to right, with the highest total score.
 * Every single stroke is a candidate, so a split always exists.
 */
export function bestSplit(plan: LinePlan, score: (candidate: Candidate) => number): Candidate[] {
  const n = plan.order.length;
  const best = new Float64Array(n + 1).fill(-Infinity);
  const via: (Candidate | undefined)[] = new Array(n + 1);
  best[0] = 0;
  // In order of end, so best[start] is final before any candidate starting there is scored.
  const byEnd = [...plan.candidates].sort((a, b) => a.end - b.end);
  for (const candidate of byEnd) {
    const total = best[candidate.start] + score(candidate);
    if (total > best[candidate.end]) [best[candidate.end], via[candidate.end]] = [total, candidate];
  }
  const glyphs: Candidate[] = [];
  for (let end = n; end > 0; end = via[end]!.start) glyphs.push(via[end]!);
  return glyphs.reverse();
}
