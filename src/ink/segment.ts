/**
 * Recognition-driven segmentation of a line of ink into glyphs, online, from strokes.
 *
 * 1. `planLine` orders the strokes left to right (by the centre of their boxes, which keeps a
 *    late bar beside its stem: a 7's bar or a 4's stem written after the next glyph) and makes
 *    candidate glyphs: runs of one to `MAX_GROUP` neighbouring strokes that were written close
 *    in time order and touch or nearly touch in x.
 * 2. The caller scores each candidate (classifier and geometry: glyph-score.ts, and
 *    `glyphScore` in split.ts); the score is a log-likelihood, so this module stays pure and
 *    testable.
 * 3. `bestSplit` (split.ts) picks the left-to-right split with the highest total score by
 *    dynamic programming over the ordered strokes.
 */
import { apartInY, centreX, glyphHeight, isSpeck, unionBox, type Box } from './geometry.js';
import type { PackedInk, StrokePoints } from './ink.js';
import { measureStrokes, type StrokeMeasure } from './measures.js';

/**
 * Most strokes in one glyph: two-stroke 4, 5, 7, "=", "+"; three-stroke "÷", 4 with serif; and
 * four strokes, which half of UNIPEN's "*" (an "x" over a "+") and nearly every "#" have. With
 * three, those split into confident bars and crosses ("#" read "11=") instead of one glyph.
 */
export const MAX_GROUP = 4;
/** Strokes of one glyph lie within this many places of each other in writing order. */
const MAX_ORDER_SPAN = 3;
/** Strokes further apart in x than this fraction of the glyph height are never one glyph. */
const MAX_GAP = 0.25;
/**
 * The same for strokes one above the other with a gap between them: the dots of a ":" written
 * with a slant can be further apart in x than neighbouring glyphs, which never stand so.
 */
const MAX_STACKED_GAP = 0.5;
/** No glyph is wider than this many glyph heights (a wide "-" or "=" stays well under). */
const MAX_WIDTH = 2.2;
/** Strokes narrower than this fraction of the glyph height count as this wide for overlap. */
const MIN_WIDTH = 0.2;
/** Strokes overlapping in x by this much of the narrower one's width hang together. */
const OVERLAPPING = 0.4;
/** Strokes closer than this fraction of the glyph height touch. */
const TOUCHING = 0.03;
/**
 * Looser groups are not candidates at all: their penalty (split.ts: SEPARATION × looseness, a
 * likelihood ratio under e^-6) leaves them no chance, and not classifying them keeps a pen
 * report cheap.
 */
const MAX_LOOSENESS = 1.5;
/** How far along the line, in glyph heights, the strokes that set the local baseline lie. */
const BASELINE_REACH = 1.5;

export interface Candidate {
  /** Strokes it holds, as indices into the ink, in writing order. */
  readonly strokes: readonly number[];
  /** Stable cache key: the stroke ids, in writing order. */
  readonly key: string;
  readonly box: Box;
  /**
   * How loosely its strokes hang together, in glyph heights: 0 for one stroke, and for strokes
   * that each overlap another in x (a 4's stem over its bar, "=") or touch another (a 5's
   * bar); else the shortfall in x overlap, summed over the attachments that join its strokes.
   * Neighbouring glyphs neither overlap much nor touch, the strokes of one glyph do.
   */
  readonly looseness: number;
  /**
   * How far its bottom sits above the line's baseline there, in glyph heights: about 0 for a
   * digit, more for the top half of a 4 or the bar of a 5 written apart.
   */
  readonly lift: number;
  /**
   * Whether its strokes lie in layers with a gap between them, one above the other: the dots
   * of a ":" or a "÷", the bars of an "=".
   */
  readonly stacked: boolean;
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

/** `measures` are the ink's own (measures.ts), given by a caller that keeps them. */
export function planLine(
  ink: PackedInk,
  measures: readonly StrokeMeasure[] = measureStrokes(ink),
): LinePlan {
  const boxes = measures.map((m) => m.box);
  const height = glyphHeight(measures);
  const centres = boxes.map(centreX);
  const order = boxes.map((_, i) => i).sort((a, b) => centres[a] - centres[b] || a - b);
  const baseline = new Baseline(boxes, centres, height);
  const candidates: Candidate[] = [];
  for (let start = 0; start < order.length; start++) {
    let [first, last] = [Infinity, -Infinity];
    for (let end = start + 1; end <= Math.min(order.length, start + MAX_GROUP); end++) {
      [first, last] = [Math.min(first, order[end - 1]), Math.max(last, order[end - 1])];
      // Cheapest test first, before anything is allocated: most runs of strokes fail it.
      if (last - first > MAX_ORDER_SPAN) continue;
      const strokes = order.slice(start, end).sort((a, b) => a - b);
      const single = strokes.length === 1;
      const parts = strokes.map((i) => boxes[i]);
      const box = unionBox(parts);
      const stacked = !single && !connected(parts, 'y', 0);
      if (!single && !groupable(parts, box, height, stacked)) continue;
      const looseness = single ? 0 : loosenessOf(ink, strokes, boxes, height);
      if (looseness > MAX_LOOSENESS) continue;
      const key = strokes.map((i) => ink.ids[i]).join(',');
      const lift = baseline.liftOf(box);
      candidates.push({ strokes, key, box, looseness, lift, stacked, start, end });
    }
  }
  return { order, height, candidates };
}

/**
 * The local baseline is the median bottom of the tall strokes (at least half the glyph
 * height) centred within BASELINE_REACH glyph heights of the box's centre; 0 without any.
 * Those strokes are a run of the tall ones ordered by centre, found by bisection, so a long
 * line costs little more per candidate than a short one. (A stroke whose centre is not finite
 * is never within reach; leaving it out keeps the run sorted.)
 */
class Baseline {
  private readonly centres: number[];
  private readonly bottoms: number[];
  private readonly reach: number;

  constructor(
    boxes: readonly Box[],
    centres: readonly number[],
    private readonly height: number,
  ) {
    const tall = boxes
      .map((_, i) => i)
      .filter((i) => boxes[i].height >= height / 2 && Number.isFinite(centres[i]))
      .sort((a, b) => centres[a] - centres[b]);
    this.centres = tall.map((i) => centres[i]);
    this.bottoms = tall.map((i) => boxes[i].y + boxes[i].height);
    this.reach = BASELINE_REACH * height;
  }

  liftOf(box: Box): number {
    const centre = centreX(box);
    // `c - centre` never decreases as c grows, so the strokes within reach are contiguous.
    let [lo, hi] = [0, this.centres.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.centres[mid] - centre < -this.reach) lo = mid + 1;
      else hi = mid;
    }
    const bottoms: number[] = [];
    for (let k = lo; k < this.centres.length && this.centres[k] - centre <= this.reach; k++) {
      bottoms.push(this.bottoms[k]);
    }
    if (!bottoms.length) return 0;
    bottoms.sort((a, b) => a - b);
    return (bottoms[bottoms.length >> 1] - (box.y + box.height)) / this.height;
  }
}

/** Besides the order span, tested first in `planLine`. */
function groupable(parts: readonly Box[], box: Box, height: number, stacked: boolean) {
  const gap = (stacked ? MAX_STACKED_GAP : MAX_GAP) * height;
  return box.width <= MAX_WIDTH * height && connected(parts, 'x', gap);
}

/**
 * The cheapest way to attach every stroke of the group to the others: the total pair looseness
 * of a minimum spanning tree over its strokes (Prim's). A sum, not the loosest single
 * attachment, so that a stroke added to a loose pair pays for its own attachment: with the
 * maximum, a neighbouring digit joined a two-stroke 4 for free, and the group saved a glyph.
 */
function loosenessOf(
  ink: StrokePoints,
  strokes: readonly number[],
  boxes: readonly Box[],
  height: number,
): number {
  const cost = (a: number, b: number) => pairLooseness(ink, a, b, boxes, height);
  const attach = strokes.slice(1).map((s) => cost(strokes[0], s));
  const left = strokes.slice(1);
  let total = 0;
  while (left.length) {
    const k = attach.indexOf(Math.min(...attach));
    const [joined] = left.splice(k, 1);
    total += attach.splice(k, 1)[0];
    left.forEach((s, i) => (attach[i] = Math.min(attach[i], cost(joined, s))));
  }
  return total;
}

function pairLooseness(
  ink: StrokePoints,
  a: number,
  b: number,
  boxes: readonly Box[],
  height: number,
): number {
  const [ba, bb] = [boxes[a], boxes[b]];
  if (isSpeck(ba, height) && isSpeck(bb, height) && apartInY(ba, bb)) {
    // The dots of a ":", however slanted: no two glyphs of a line stand one above the other.
    return Math.max(0, Math.abs(centreX(ba) - centreX(bb)) / height - SLANTED_DOTS);
  }
  const overlap = Math.min(ba.x + ba.width, bb.x + bb.width) - Math.max(ba.x, bb.x);
  const narrower = Math.max(MIN_WIDTH * height, Math.min(ba.width, bb.width));
  const loose = Math.max(0, OVERLAPPING - overlap / narrower);
  if (loose === 0) return 0;
  const touch = boxGap(ba, bb) < TOUCHING * height && strokeDistance(ink, a, b) < TOUCHING * height;
  return touch ? 0 : loose;
}

/** How far apart in x, in glyph heights, two stacked specks still hang together freely. */
const SLANTED_DOTS = 0.4;

/** The distance between two boxes (0 when they overlap): a lower bound on stroke distance. */
function boxGap(a: Box, b: Box): number {
  const dx = Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width));
  const dy = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height));
  return Math.hypot(dx, dy);
}

/** The shortest distance between the points of two strokes. */
function strokeDistance({ points, ends }: StrokePoints, a: number, b: number): number {
  const [a0, a1] = [a ? ends[a - 1] : 0, ends[a]];
  const [b0, b1] = [b ? ends[b - 1] : 0, ends[b]];
  let best = Infinity;
  for (let i = a0; i < a1; i++) {
    for (let j = b0; j < b1; j++) {
      const dx = points[i * 2] - points[j * 2];
      const dy = points[i * 2 + 1] - points[j * 2 + 1];
      best = Math.min(best, dx * dx + dy * dy);
    }
  }
  return Math.sqrt(best);
}

/** Whether the boxes' intervals on one axis, widened by `slack`, form one connected run. */
function connected(boxes: readonly Box[], axis: 'x' | 'y', slack: number): boolean {
  const size = axis === 'x' ? 'width' : 'height';
  const sorted = [...boxes].sort((a, b) => a[axis] - b[axis]);
  let reach = sorted[0][axis] + sorted[0][size];
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k][axis] - reach > slack) return false;
    reach = Math.max(reach, sorted[k][axis] + sorted[k][size]);
  }
  return true;
}
