import type { Ink, InkPoint } from './ink.js';

/**
 * What part of the ink the pad shows. Pad units are fixed when a point is recorded (ink.ts), so
 * a typed line, or ink kept through a resize to a narrower pad, can lie past the pad's edges.
 * The pad then zooms out rather than hide it: a pad-unit point p shows at
 * `(p - centre) * scale` pad units from the pad's centre.
 */
export interface InkView {
  /** At most 1: the pad only ever zooms out. */
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export const WHOLE_PAD: InkView = { scale: 1, x: 0, y: 0 };

/** The ink's extent, in pad units. */
interface Bounds {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A view's edges, in pad units. */
interface Edges {
  readonly l: number;
  readonly t: number;
  readonly r: number;
  readonly b: number;
}

/** The ink's box, in pad units; null for no ink. */
function bounds(ink: Ink): Bounds | null {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const stroke of ink) {
    for (const { x, y } of stroke) {
      [left, right] = [Math.min(left, x), Math.max(right, x)];
      [top, bottom] = [Math.min(top, y), Math.max(bottom, y)];
    }
  }
  return left > right ? null : { left, top, right, bottom };
}

/**
 * The view that shows `ink` on a pad `halfWidth` × `halfHeight` pad units round its centre (one
 * of them is 0.5), given the `current` one:
 * - `current`, if it was moved `along` a line (by `followLine` or `panLine`) of which some part
 *   still shows in it;
 * - else the whole pad, as it is, while every point of the ink lies on it;
 * - else `current`, while every point lies in it, so the view does not move under the writer;
 * - else the smallest zoom out that shows the pad's own area, all of the ink with `margin` pad
 *   units round it, and one ink height of room right of it, where a line goes on. The pad's own
 *   area stays in view, so zooming out never takes away the place the writer was at.
 */
export function fitView(
  ink: Ink,
  halfWidth: number,
  halfHeight: number,
  margin: number,
  current: InkView = WHOLE_PAD,
  along = false,
): InkView {
  const box = bounds(ink);
  if (!(halfWidth > 0 && halfHeight > 0) || !box) return WHOLE_PAD;
  let { left, top, right, bottom } = box;
  const edges = (view: InkView): Edges => {
    const [w, h] = [halfWidth / view.scale, halfHeight / view.scale];
    return { l: view.x - w, t: view.y - h, r: view.x + w, b: view.y + h };
  };
  const within = (view: InkView) => {
    const { l, t, r, b } = edges(view);
    return left >= l && right <= r && top >= t && bottom <= b;
  };
  // A line moved along may run out of view on either side, as long as some of it shows: a
  // glyph corrected near the line's start, after moving back to it, leaves the view there.
  if (along && current.scale === 1 && shows(box, edges(current))) return current;
  if (within(WHOLE_PAD)) return WHOLE_PAD;
  if (within(current)) return current;
  const room = Math.min(bottom - top, 2 * halfHeight);
  [left, top, right, bottom] = [
    left - margin,
    top - margin,
    right + margin + room,
    bottom + margin,
  ];
  [left, top] = [Math.min(left, -halfWidth), Math.min(top, -halfHeight)];
  [right, bottom] = [Math.max(right, halfWidth), Math.max(bottom, halfHeight)];
  const scale = Math.min((2 * halfWidth) / (right - left), (2 * halfHeight) / (bottom - top));
  return { scale, x: (left + right) / 2, y: (top + bottom) / 2 };
}

/** Whether some of the ink's box lies in the view's vertical span and horizontal span. */
function shows(box: Bounds, { l, t, r, b }: Edges): boolean {
  return box.top >= t && box.bottom <= b && box.right >= l && box.left <= r;
}

/**
 * A line's glyph size (the ink's height, within reason) and the room `followLine` leaves free
 * after the line's end: a third of the pad, or one and a half glyphs if that is more.
 */
function lineRoom(box: Bounds, halfWidth: number, halfHeight: number) {
  const glyph = Math.min(Math.max(box.bottom - box.top, 0.2), 2 * halfHeight);
  const free = Math.min(Math.max((2 * halfWidth) / 3, 1.5 * glyph), 2 * halfWidth - glyph);
  return { glyph, free };
}

/**
 * The view moved along a hand-written line whose end has come within about a glyph height
 * (the ink's height) of the view's right edge, so that a third of the pad is free after it;
 * `current` if there is room, if the view is zoomed out (a typed line: it already has room), or
 * if the last stroke was not written at the line's end (a correction further back: the view
 * stays where the writer is). Moving, not zooming, keeps each new glyph at the writer's own
 * scale; the line's start goes out of view on the left.
 */
export function followLine(
  ink: Ink,
  halfWidth: number,
  halfHeight: number,
  current: InkView,
): InkView {
  const box = bounds(ink);
  const last = bounds(ink.slice(-1));
  if (!(halfWidth > 0 && halfHeight > 0) || !box || !last || current.scale !== 1) return current;
  const { glyph, free } = lineRoom(box, halfWidth, halfHeight);
  if (last.right < box.right - glyph) return current;
  if (current.x + halfWidth - box.right >= Math.min(glyph, free)) return current;
  return { scale: 1, x: box.right + free - halfWidth, y: current.y };
}

/**
 * The view moved along a line by `by` pad units (negative: back towards its start), or to its
 * `start` or `end`, within the span from the line's start (with `margin` before it) to where
 * `followLine` shows its end, and never further in either direction than the pad's own place.
 * Only a view at the writer's scale moves: a zoomed-out one shows the whole line already.
 */
export function panLine(
  ink: Ink,
  halfWidth: number,
  halfHeight: number,
  margin: number,
  current: InkView,
  by: number | 'start' | 'end',
): InkView {
  const box = bounds(ink);
  if (!(halfWidth > 0 && halfHeight > 0) || !box || current.scale !== 1) return current;
  // Ink on the pad's own area needs no moving back to: only a line that starts off it does.
  const start = box.left < -halfWidth ? box.left - margin + halfWidth : 0;
  const lo = Math.min(0, current.x, start);
  const hi = Math.max(
    0,
    current.x,
    box.right + lineRoom(box, halfWidth, halfHeight).free - halfWidth,
  );
  const to = by === 'start' ? lo : by === 'end' ? hi : current.x + (Number.isFinite(by) ? by : 0);
  const x = Math.min(hi, Math.max(lo, to));
  return x === current.x ? current : { scale: 1, x, y: current.y };
}

/**
 * Whether some ink lies out of view to the left and to the right of a view at the writer's
 * scale (a line moved along); a zoomed-out view shows all of it.
 */
export function hiddenSides(
  ink: Ink,
  halfWidth: number,
  view: InkView,
): { readonly left: boolean; readonly right: boolean } {
  const box = bounds(ink);
  if (!box || view.scale !== 1) return { left: false, right: false };
  return { left: box.left < view.x - halfWidth, right: box.right > view.x + halfWidth };
}

/** Where a pad-unit point shows, in pad units from the pad's centre. */
export function toView(view: InkView, p: InkPoint): InkPoint {
  return { x: (p.x - view.x) * view.scale, y: (p.y - view.y) * view.scale };
}

/** The pad-unit point shown at `p` (pad units from the pad's centre): `toView`'s inverse. */
export function fromView(view: InkView, p: InkPoint): InkPoint {
  return { x: p.x / view.scale + view.x, y: p.y / view.scale + view.y };
}

export function sameView(a: InkView, b: InkView): boolean {
  return a.scale === b.scale && a.x === b.x && a.y === b.y;
}
