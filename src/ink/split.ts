/**
 * The choice of a split, from the candidates of `planLine` (segment.ts): each candidate's score
 * (the classifier's fit and the geometry's penalties, as log-likelihoods), and the best split
 * left to right by dynamic programming.
 */
import { apartInY, centreX } from './geometry.js';
import type { Candidate, LinePlan } from './segment.js';

/**
 * Log-likelihood terms of a split besides the classifier's fit, tuned on lines composed from
 * the training writers (`npm run bench:lines -- --split train`): a cost per glyph, and
 * penalties for a glyph whose strokes neither overlap in x nor touch (`looseness`) or that is
 * wider than a digit. They offset the classifier's bias: it reads the bar of a 4 as a
 * confident "1", and two glyphs squeezed into one 28x28 box as one confident digit.
 */
const GLYPH_COST = 1.5;
const SEPARATION = 4;
const WIDE = 1.3;
const WIDTH_PENALTY = 3;
/**
 * What a glyph that the models reject ("?") costs beyond its fit: two digits written in one
 * stroke, read whole, are often one fair digit to the classifier but fall to its reject rule,
 * where each part alone passes. Kept low because a "%" or "#" read whole must beat its bars and
 * circles read as confident symbols: on the training writers, at 2 a fifth of them came apart
 * into a wrong sum; at 1, a tenth (bench/README.md).
 */
const REJECTED = 1;
/**
 * The same where only digits are read. There a glyph's parts read as digits, never as the
 * operators that compete with a whole "%" or "#", so they are fair more often; and two digits
 * merged into one glyph are most of what the models reject. On the training writers, 3 kept
 * joined numbers and real lines as they were at 1 with the digits-only fit (bench/README.md).
 */
const REJECTED_DIGITS_ONLY = 3;

/**
 * A candidate's score for `bestSplit`: `fit` is the classifier's log-likelihood of its best
 * class, size fit included (see glyph-score.ts), `height` the line's glyph height, and
 * `rejected` the share of the models that reject it; `digitsOnly` when only digits are read.
 */
export function glyphScore(
  candidate: Candidate,
  fit: number,
  height: number,
  rejected = 0,
  digitsOnly = false,
): number {
  const wide = Math.max(0, candidate.box.width / height - WIDE);
  const reject = (digitsOnly ? REJECTED_DIGITS_ONLY : REJECTED) * rejected;
  return fit - GLYPH_COST - SEPARATION * candidate.looseness - WIDTH_PENALTY * wide - reject;
}

/**
 * Two glyphs side by side whose centres nearly coincide are one glyph read in pieces: the bars
 * of an "=", the arms of a "+", the dots of a ":". Left-to-right writing puts the centres of
 * neighbouring glyphs at least a narrow digit apart; a split closer than CROWDED glyph heights
 * pays up to CROWDING, so the pieces win only where the classifier is sure of each. Two pieces
 * one wholly above the other are pieces of one glyph even further apart (the dots of a ":"
 * written with a slant sit a fifth of a glyph height apart in x): no two glyphs of the alphabet
 * stand that way in a line.
 */
const CROWDED = 0.2;
const STACKED_CROWDED = 0.5;
const CROWDING = 6;

function crowding(left: Candidate, right: Candidate, height: number): number {
  const distance = Math.abs(centreX(right.box) - centreX(left.box)) / height;
  const reach = apartInY(left.box, right.box) ? STACKED_CROWDED : CROWDED;
  return CROWDING * Math.max(0, 1 - distance / reach);
}

/**
 * The candidates that cover every stroke once, left to right, with the highest total score,
 * less the crowding of each pair of neighbours. Every single stroke is a candidate, so a split
 * always exists.
 */
export function bestSplit(plan: LinePlan, score: (candidate: Candidate) => number): Candidate[] {
  // Dynamic programming over candidates, in order of end: a candidate's best total is final
  // before any candidate that starts where it ends is scored.
  const byEnd = [...plan.candidates].sort((a, b) => a.end - b.end);
  const endingAt: Candidate[][] = Array.from({ length: plan.order.length + 1 }, () => []);
  const best = new Map<Candidate, number>();
  const via = new Map<Candidate, Candidate | undefined>();
  for (const candidate of byEnd) {
    let [total, from]: [number, Candidate | undefined] = [
      candidate.start ? -Infinity : 0,
      undefined,
    ];
    for (const before of endingAt[candidate.start]) {
      const t = best.get(before)! - crowding(before, candidate, plan.height);
      if (t > total) [total, from] = [t, before];
    }
    if (total === -Infinity) continue;
    best.set(candidate, total + score(candidate));
    via.set(candidate, from);
    endingAt[candidate.end].push(candidate);
  }
  let last: Candidate | undefined;
  for (const candidate of endingAt[plan.order.length]) {
    if (!last || best.get(candidate)! > best.get(last)!) last = candidate;
  }
  const glyphs: Candidate[] = [];
  for (let c = last; c; c = via.get(c)) glyphs.push(c);
  return glyphs.reverse();
}
