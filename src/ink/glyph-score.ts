/**
 * A glyph's class probabilities, corrected by its size and position in the line. The
 * classifier sees the MNIST-normalised 28×28 input, where a dot is blown up to a full-size blob
 * and a dash to a full-width bar; only the box, relative to the line's glyph height, tells a
 * "." from a "0" and a "-" from a "1".
 */
import type { Box } from './geometry.js';

/** Likelihood factor of a class that the glyph's size rules out (not zero: geometry can err). */
const RULED_OUT = 1e-4;

/** How well the box fits each class, relative to the line's glyph height. */
export function sizeFit(symbol: string, box: Box, height: number): number {
  const w = box.width / height;
  const h = box.height / height;
  const small = Math.max(w, h) < 0.25;
  const flat = h < 0.3 && w > 1.5 * h && w >= 0.15;
  let fits: boolean;
  if (symbol === '.') fits = small;
  else if (symbol === '-') fits = flat;
  else if (/^[0-9()]$/.test(symbol)) fits = h >= 0.45;
  else if (symbol === '/') fits = h >= 0.35;
  else if (symbol === '?') fits = true;
  else fits = !small;
  return fits ? 1 : RULED_OUT;
}

export interface GlyphReading {
  /** The classifier's probabilities times the size fit, renormalised. */
  readonly probabilities: number[];
  /** Log of the best unnormalised product: how well any class explains this glyph. */
  readonly fit: number;
}

/** `probabilities` and `symbols` cover the classes this mode reads, in the same order. */
export function readGlyph(
  probabilities: readonly number[],
  symbols: readonly string[],
  box: Box,
  height: number,
): GlyphReading {
  const joint = probabilities.map((p, i) => p * sizeFit(symbols[i], box, height));
  const sum = joint.reduce((a, b) => a + b, 0);
  return {
    probabilities: joint.map((p) => p / sum),
    fit: Math.log(Math.max(...joint)),
  };
}
