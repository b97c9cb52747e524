import { waitUntil } from '@open-wc/testing';
import type { DigitPad } from '../../src/components/digit-pad/digit-pad.js';
import { FOLLOW_PAUSE_MS } from '../../src/controllers/ink-view.js';
import { drawStrokes, type PointerKind } from './draw.js';
import { surfaceOf } from './pad.js';

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
