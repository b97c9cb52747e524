/**
 * The straightforward preprocessing, frozen as it was before src/workers/preprocess.ts was
 * optimised (commit 7e5f6e7), kept only to check that the optimised version gives the same
 * input. Do not change it to follow src: it is the reference.
 *
 * MNIST's own normalisation, applied to stroke ink (LeCun et al.): crop to the ink's bounding
 * box, scale the longer side to 20 px keeping the aspect ratio, anti-alias by area, and place
 * the result in a 28×28 field so that its centre of mass sits at the centre. Ink = 1.
 *
 * Strokes are rasterised at SUPERSAMPLE× resolution with an analytic coverage estimate, then
 * box-filtered down, which is the "anti-aliasing by area" of the recipe. The pen width is set
 * relative to the glyph, not the pad, so a digit drawn small in a corner and the same digit drawn
 * large in the middle give (nearly) the same input, with MNIST-like stroke weight.
 */
import type { PackedInk } from '../../src/ink/ink.js';

const SIDE = 28;
const BOX = 20;
const SUPERSAMPLE = 4;
const HI = SIDE * SUPERSAMPLE;

interface PreprocessOptions {
  /** Pen diameter in output pixels. MNIST strokes are about 2–3 px wide in the 28×28 field. */
  readonly penWidth?: number;
}

const DEFAULT_PEN_WIDTH = 2.5;

/** Returns the 28×28 model input, or null when there is no ink. */
export function referencePreprocess(
  ink: PackedInk,
  options: PreprocessOptions = {},
): Float32Array | null {
  const { points, ends } = ink;
  const count = ends.length ? ends[ends.length - 1] : 0;
  if (count === 0) return null;
  const pen = options.penWidth ?? DEFAULT_PEN_WIDTH;

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
  if (minX > maxX) return null;

  // The pen's own width is part of the 20 px box, as the scanned pen width was in MNIST.
  const extent = Math.max(maxX - minX, maxY - minY);
  const scale = extent > 0 ? ((BOX - pen) / extent) * SUPERSAMPLE : 0;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const offset = (SIDE / 2) * SUPERSAMPLE;
  const toHi = (v: number, c: number) => (v - c) * scale + offset;

  const hi = new Float32Array(HI * HI);
  const radius = (pen / 2) * SUPERSAMPLE;
  let start = 0;
  for (const end of ends) {
    for (let i = start; i < end; i++) {
      const j = i + 1 < end ? i + 1 : i;
      stampSegment(
        hi,
        toHi(points[i * 2], cx),
        toHi(points[i * 2 + 1], cy),
        toHi(points[j * 2], cx),
        toHi(points[j * 2 + 1], cy),
        radius,
      );
    }
    start = end;
  }
  return centreAndDownsample(hi);
}

/** Max-combines the coverage of a round-capped segment into the buffer. */
function stampSegment(
  hi: Float32Array,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  radius: number,
): void {
  if (![ax, ay, bx, by].every(Number.isFinite)) return;
  const reach = radius + 1;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(HI - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(HI - 1, Math.ceil(Math.max(ay, by) + reach));
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      let t = lengthSq > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSq : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      // Linear fall-off over one hi-res pixel approximates the covered area of the edge pixel.
      const coverage = radius + 0.5 - Math.sqrt(ex * ex + ey * ey);
      if (coverage <= 0) continue;
      const k = y * HI + x;
      const v = coverage >= 1 ? 1 : coverage;
      if (v > hi[k]) hi[k] = v;
    }
  }
}

function centreAndDownsample(hi: Float32Array): Float32Array {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < HI; y++) {
    for (let x = 0; x < HI; x++) {
      const v = hi[y * HI + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const out = new Float32Array(SIDE * SIDE);
  if (mass === 0) return out;
  const shiftX = Math.round(HI / 2 - mx / mass);
  const shiftY = Math.round(HI / 2 - my / mass);
  const area = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < HI; y++) {
    const sy = y - shiftY;
    if (sy < 0 || sy >= HI) continue;
    const row = Math.floor(y / SUPERSAMPLE) * SIDE;
    for (let x = 0; x < HI; x++) {
      const sx = x - shiftX;
      if (sx < 0 || sx >= HI) continue;
      out[row + Math.floor(x / SUPERSAMPLE)] += hi[sy * HI + sx] / area;
    }
  }
  return out;
}
