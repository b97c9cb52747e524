/**
 * MNIST's own normalisation, applied to stroke ink (LeCun et al.): crop to the ink's bounding
 * box, scale the longer side to 20 px keeping the aspect ratio, anti-alias by area, and place
 * the result in a 28×28 field so that its centre of mass sits at the centre. Ink = 1.
 *
 * Strokes are rasterised at SUPERSAMPLE× resolution with an analytic coverage estimate, then
 * box-filtered down, which is the "anti-aliasing by area" of the recipe. The pen width is set
 * relative to the glyph, not the pad, so a digit drawn small in a corner and the same digit drawn
 * large in the middle give (nearly) the same input, with MNIST-like stroke weight.
 *
 * This runs once per snapshot while the user writes, so it avoids work that cannot change the
 * result: the hi-res canvas is allocated once, only the part the strokes touched is scanned and
 * cleared, and pixels that are already full ink or clearly outside the pen skip the square
 * root. The output is bit-identical to the straightforward version, which
 * test/support/preprocess-reference.ts keeps; a test compares the two on real pen digits.
 */
import type { StrokePoints } from '../ink/ink.js';

export const SIDE = 28;
const BOX = 20;
const SUPERSAMPLE = 4;
const HI = SIDE * SUPERSAMPLE;
const AREA = SUPERSAMPLE * SUPERSAMPLE;

export interface PreprocessOptions {
  /** Pen diameter in output pixels. MNIST strokes are about 2–3 px wide in the 28×28 field. */
  readonly penWidth?: number;
}

export const DEFAULT_PEN_WIDTH = 2.5;

/**
 * The hi-res canvas, shared by every call (the worker preprocesses one snapshot at a time).
 * Invariant: all zeros between calls; each call clears what it wrote before returning.
 */
const hi = new Float32Array(HI * HI);

/** An inclusive rectangle of hi-res pixels; empty while x0 > x1. */
interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Returns the 28×28 model input, or null when there is no ink. */
export function preprocess(
  ink: StrokePoints,
  options: PreprocessOptions = {},
): Float32Array | null {
  const { points, ends } = ink;
  const count = ends.length ? ends[ends.length - 1] : 0;
  if (count === 0) return null;
  const pen = options.penWidth ?? DEFAULT_PEN_WIDTH;
  const bounds = inkBounds(points, count);
  if (!bounds) return null;
  const { minX, minY, maxX, maxY } = bounds;

  // The pen's own width is part of the 20 px box, as the scanned pen width was in MNIST.
  const extent = Math.max(maxX - minX, maxY - minY);
  const scale = extent > 0 ? ((BOX - pen) / extent) * SUPERSAMPLE : 0;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const offset = (SIDE / 2) * SUPERSAMPLE;
  const toHi = (v: number, c: number) => (v - c) * scale + offset;

  const touched: PixelBox = { x0: HI, y0: HI, x1: -1, y1: -1 };
  const tip = penTip((pen / 2) * SUPERSAMPLE);
  let start = 0;
  for (const end of ends) {
    for (let i = start; i < end; i++) {
      const j = i + 1 < end ? i + 1 : i;
      stampSegment(
        toHi(points[i * 2], cx),
        toHi(points[i * 2 + 1], cy),
        toHi(points[j * 2], cx),
        toHi(points[j * 2 + 1], cy),
        tip,
        touched,
      );
    }
    start = end;
  }
  const out = centreAndDownsample(touched);
  clear(touched);
  return out;
}

/** Bounding box of the finite points, or null if there are none. */
function inkBounds(points: Float32Array, count: number) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = points[i * 2];
    const y = points[i * 2 + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return minX > maxX ? null : { minX, minY, maxX, maxY };
}

/**
 * Relative slack on the squared-distance shortcuts below: far larger than the rounding of
 * `d²` and `sqrt`, so a shortcut is only taken where the exact formula gives the same value.
 */
const SLACK = 1e-9;
/** Absolute slack, in hi-res pixels, on the per-row span of a segment (same purpose). */
const SPAN_SLACK = 1e-6;

/**
 * The pen, in hi-res pixels. Coverage falls off linearly over one pixel at the edge (which
 * approximates the covered area of an edge pixel): coverage = outer - distance, so a pixel is
 * empty beyond `outer` and full ink within `outer - 1`. Compared squared, with slack, these
 * spare the square root for most pixels.
 */
interface PenTip {
  readonly radius: number;
  readonly outer: number;
  readonly emptyBeyondSq: number;
  readonly fullWithinSq: number;
}

function penTip(radius: number): PenTip {
  const outer = radius + 0.5;
  return {
    radius,
    outer,
    emptyBeyondSq: outer * outer * (1 + SLACK),
    fullWithinSq: outer > 1 ? (outer - 1) * (outer - 1) * (1 - SLACK) : -1,
  };
}

/**
 * Max-combines the coverage of a round-capped segment into `hi`, and grows `touched` to
 * include every pixel it may have written.
 */
function stampSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  { radius, outer, emptyBeyondSq, fullWithinSq }: PenTip,
  touched: PixelBox,
): void {
  if (!Number.isFinite(ax) || !Number.isFinite(ay)) return;
  if (!Number.isFinite(bx) || !Number.isFinite(by)) return;
  const reach = radius + 1;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(HI - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(HI - 1, Math.ceil(Math.max(ay, by) + reach));
  if (x0 > x1 || y0 > y1) return;
  grow(touched, x0, y0, x1, y1);

  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const left = Math.min(ax, bx);
  const right = Math.max(ax, bx);
  const top = Math.min(ay, by);
  const bottom = Math.max(ay, by);
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    // Every point of the segment is at least `gap` above or below this row, so only pixels
    // within `half` of its x-range can be within `outer` of it; the rest would be skipped.
    const gap = py < top ? top - py : py > bottom ? py - bottom : 0;
    if (gap * gap > emptyBeyondSq) continue;
    const half = Math.sqrt(emptyBeyondSq - gap * gap) + SPAN_SLACK;
    const from = Math.max(x0, Math.floor(left - half - 0.5));
    const to = Math.min(x1, Math.ceil(right + half - 0.5));
    const row = y * HI;
    for (let x = from; x <= to; x++) {
      const k = row + x;
      // Coverage never exceeds 1, so a full pixel cannot change (neighbouring segments overlap).
      if (hi[k] >= 1) continue;
      const px = x + 0.5;
      let t = lengthSq > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSq : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      const distanceSq = ex * ex + ey * ey;
      if (distanceSq > emptyBeyondSq) continue;
      if (distanceSq < fullWithinSq) {
        hi[k] = 1;
        continue;
      }
      const coverage = outer - Math.sqrt(distanceSq);
      if (coverage <= 0) continue;
      const v = coverage >= 1 ? 1 : coverage;
      if (v > hi[k]) hi[k] = v;
    }
  }
}

function grow(box: PixelBox, x0: number, y0: number, x1: number, y1: number): void {
  if (x0 < box.x0) box.x0 = x0;
  if (y0 < box.y0) box.y0 = y0;
  if (x1 > box.x1) box.x1 = x1;
  if (y1 > box.y1) box.y1 = y1;
}

/**
 * Shifts the ink so that its centre of mass lands on the centre of the field (to the nearest
 * hi-res pixel) and box-filters it down to SIDE×SIDE. Only `touched` can hold ink; the sums
 * visit its pixels in the same order as a scan of the whole canvas would, so the result does
 * not depend on the box (zeros add nothing). Keep that order: the shift is rounded, so a sum
 * reordered by a last-bit difference could move the whole image by a pixel.
 */
function centreAndDownsample(touched: PixelBox): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  const { x0, y0, x1, y1 } = touched;
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const v = hi[y * HI + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  if (mass === 0) return out;
  const shiftX = Math.round(HI / 2 - mx / mass);
  const shiftY = Math.round(HI / 2 - my / mass);
  // Source pixel (sx, sy) lands on (sx + shiftX, sy + shiftY); ink shifted off the field is lost.
  const fromY = Math.max(y0, -shiftY);
  const toY = Math.min(y1, HI - 1 - shiftY);
  const fromX = Math.max(x0, -shiftX);
  const toX = Math.min(x1, HI - 1 - shiftX);
  for (let sy = fromY; sy <= toY; sy++) {
    const row = (((sy + shiftY) / SUPERSAMPLE) | 0) * SIDE;
    for (let sx = fromX; sx <= toX; sx++) {
      const v = hi[sy * HI + sx];
      if (v !== 0) out[row + (((sx + shiftX) / SUPERSAMPLE) | 0)] += v / AREA;
    }
  }
  return out;
}

/** Restores the all-zeros invariant of `hi`, touching only what this call may have written. */
function clear({ x0, y0, x1, y1 }: PixelBox): void {
  for (let y = y0; y <= y1; y++) hi.fill(0, y * HI + x0, y * HI + x1 + 1);
}

export type Unusual = 'too-little-ink' | 'too-much-ink';

/**
 * MNIST digits carry between 28 and 228 units of ink (sum of pixel values; 0.1th and 99.9th
 * percentiles of the 60,000 training images). Inputs far outside that range (a dot, a filled
 * square, a dense scribble) are not digits, however confident a model is about them.
 */
const INK_RANGE = [20, 250] as const;

export function unusualInk(input: Float32Array): Unusual | null {
  let mass = 0;
  for (const v of input) mass += v;
  return mass < INK_RANGE[0] ? 'too-little-ink' : mass > INK_RANGE[1] ? 'too-much-ink' : null;
}
