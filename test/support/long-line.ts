import { waitUntil } from '@open-wc/testing';
import type { DigitPad } from '../../src/components/digit-pad/digit-pad.js';
import { FOLLOW_PAUSE_MS } from '../../src/controllers/ink-view.js';
import { drawStrokes, type PointerKind, type Step } from './draw.js';
import { nextFrame, surfaceOf } from './pad.js';

/**
 * Writes seven "1"s, one glyph height apart, across a line pad with trusted input: the last
 * ends near the right edge, so the view follows the line once the pen rests. Resolves to each
 * "1"'s x in the viewport as written, which is where its ink was painted before the view moved:
 * known even if a slow machine let the rest end before the caller could look.
 */
export async function writeOnes(pad: DigitPad, pointerType: PointerKind): Promise<number[]> {
  const ones = Array.from({ length: 7 }, (_, i) => [[10 * i, 0] as const, [10 * i, 10] as const]);
  const steps = await drawStrokes(surfaceOf(pad), ones, { pointerType, line: true, margin: 0.02 });
  return steps.filter((step) => step.type === 'down').map((step) => step.x);
}

/** Resolves once the view has followed the line past `from` (its x, in pad units). */
export function followed(pad: DigitPad, from = 0): Promise<void> {
  return waitUntil(() => pad.view.x > from, 'followed', { timeout: FOLLOW_PAUSE_MS + 3000 });
}

/** The glyph boxes' rects, once their transitions have ended. */
export async function boxRects(pad: DigitPad): Promise<DOMRect[]> {
  await nextFrame();
  const boxes = [...pad.shadowRoot!.querySelectorAll('.glyph-box')];
  await Promise.all(boxes.flatMap((box) => box.getAnimations().map((a) => a.finished)));
  return boxes.map((box) => box.getBoundingClientRect());
}

/** A vertical stroke at x from y0 down to y1, as pointer steps in viewport CSS pixels. */
export function bar(x: number, y0: number, y1: number): Step[] {
  return [
    ...Array.from({ length: 9 }, (_, i) => ({
      type: i === 0 ? ('down' as const) : ('move' as const),
      pressed: true,
      x,
      y: y0 + ((y1 - y0) * i) / 8,
    })),
    { type: 'up', x, y: y1 },
  ];
}

/** Whether the canvas has ink within `r` CSS pixels of the viewport point (x, y). */
export function inkedNear(canvas: HTMLCanvasElement, x: number, y: number, r = 2): boolean {
  const rect = canvas.getBoundingClientRect();
  const [sx, sy] = [canvas.width / rect.width, canvas.height / rect.height];
  const [px, py] = [Math.round((x - rect.left) * sx), Math.round((y - rect.top) * sy)];
  const side = Math.ceil(2 * r * sx) + 1;
  const { data } = canvas
    .getContext('2d')!
    .getImageData(px - Math.floor(side / 2), py - Math.floor(side / 2), side, side);
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
  return false;
}
