/**
 * A glyph's class probabilities, corrected by its size and position in the line. The
 * classifier sees the MNIST-normalised 28×28 input, where a dot is blown up to a full-size blob
 * and a dash to a full-width bar; only the box, relative to the line's glyph height, tells a
 * "." from a "0" and a "-" from a "1".
 */
import { isSpeck, SPECK_SIZE, type Box } from './geometry.js';

/** Likelihood factor of a class that the glyph's size rules out (not zero: geometry can err). */
const RULED_OUT = 1e-4;
/**
 * Highest lift, in glyph heights, at which a "-" stands unpenalised: above it a bar is more
 * likely the top of a 5 or a 7 written in its own stroke.
 */
const MINUS_TOP = 0.7;
/** Likelihood factor of "?" for a glyph small enough to be a "." (see sizeFit). */
const SPECK = 0.1;

/**
 * How well the box fits each class, relative to the line's glyph height; `stacked` when the
 * glyph's strokes lie in layers with a gap between them (see `Candidate.stacked`).
 */
export function sizeFit(
  symbol: string,
  box: Box,
  height: number,
  lift = 0,
  stacked = false,
): number {
  const w = box.width / height;
  const h = box.height / height;
  const small = isSpeck(box, height);
  const flat = h < 0.3 && w > 1.5 * h && w >= 0.15;
  if (/^[0-9()]$/.test(symbol)) return fullHeight(h) * onBaseline(lift);
  if (symbol === '.') return onBaseline(lift) * dotSize(Math.max(w, h));
  if (symbol === '-') return flat ? aboveBaseline(lift) : RULED_OUT;
  // Divide is also ":" and "÷", which people write lower than a digit: a fifth of UNIPEN's ":"
  // are under half their writer's digit height, and some are no taller than a "." is wide.
  // Two specks one above the other are such a ":", never a "." or a small "/".
  if (symbol === '/') {
    if (stacked) return 1;
    return small ? RULED_OUT : Math.min(1, Math.exp(-12 * (0.35 - h)));
  }
  // What lies outside the alphabet (%, #, letters, scribbles) is written full size; a speck is
  // far more often a decimal point the model, seeing it blown up, could not place.
  if (symbol === '?') return small ? SPECK : 1;
  return small ? RULED_OUT : 1;
}

/**
 * How well a glyph `size` glyph heights across (its longer side) fits a ".": in UNIPEN, 95 %
 * of "." are under a quarter of their writer's digit height, and 2 % over 0.45. A dot pressed
 * into a short tick falls between; ruled out above a quarter, it was read as whatever operator
 * the model saw in the blown-up tick.
 */
function dotSize(size: number): number {
  if (size < SPECK_SIZE) return 1;
  return size < LARGEST_DOT ? Math.exp(-15 * (size - SPECK_SIZE)) : RULED_OUT;
}

/** Over this many glyph heights across, a glyph is no "." (the fit is down to 5 % there). */
const LARGEST_DOT = 0.45;

/**
 * Digits stand on the baseline; a glyph whose bottom floats well above it (`lift`, in glyph
 * heights) is more likely part of one, such as the top of a 4 written apart from its stem.
 */
function onBaseline(lift: number): number {
  return lift <= 0.25 ? 1 : Math.exp(-8 * (lift - 0.25));
}

/**
 * A "-" stands clear of the baseline, near mid-height; a "." sits on it. Position, not shape,
 * tells a short dash from a dot pressed into a short bar, and the top dot of a ":" from a
 * decimal point.
 */
function aboveBaseline(lift: number): number {
  if (lift > MINUS_TOP) return Math.exp(-10 * (lift - MINUS_TOP));
  return lift >= 0.15 ? 1 : Math.exp(-10 * (0.15 - lift));
}

/**
 * Digits are close to full height: in UNIPEN, 98 % of them are at least 0.6 of their writer's
 * median digit height. Below that the fit falls off smoothly (a small 0 stays possible), so
 * that the top half of a 4, written apart from its stem, is not read as a digit of its own.
 */
function fullHeight(h: number): number {
  if (h < 0.35) return RULED_OUT;
  return h >= 0.6 ? 1 : Math.exp(-12 * (0.6 - h));
}

export interface GlyphReading {
  /** The classifier's probabilities times the size fit, renormalised. */
  readonly probabilities: number[];
  /** Log of the best unnormalised product: how well any class explains this glyph. */
  readonly fit: number;
}

/**
 * `probabilities` and `symbols` cover the classes this mode reads, in the same order; `lift` is
 * how far the glyph's bottom sits above the line's baseline, in glyph heights; `stacked` as in
 * `sizeFit`.
 */
export function readGlyph(
  probabilities: readonly number[],
  symbols: readonly string[],
  box: Box,
  height: number,
  lift = 0,
  stacked = false,
): GlyphReading {
  const joint = probabilities.map((p, i) => p * sizeFit(symbols[i], box, height, lift, stacked));
  const sum = joint.reduce((a, b) => a + b, 0);
  return {
    probabilities: joint.map((p) => p / sum),
    fit: Math.log(Math.max(...joint)),
  };
}
