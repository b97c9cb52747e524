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

/** The ink's box, in pad units; null for no ink. */
function bounds(ink: Ink) {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const stroke of ink) {
    for (const { x, y } of stroke) {
      [left, right] = [Math.min(left, x), Math.max(right, x)];
      [top, bottom] = [Math.min(top, y), Math.max(bottom, y)];
    }
  }
  return left > right ? null : { left, top, right, bottom };
}

/** A view that `followLine` moved along a line: ink may lie past its left edge. */
const follows = (view: InkView) => view.scale === 1 && view.x !== 0;

/**
 * The view that shows `ink` on a pad `halfWidth` × `halfHeight` pad units round its centre (one
 * of them is 0.5), given the `current` one:
 * - `current`, if it follows a line (`followLine`) whose end still shows in it;
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
): InkView {
  const box = bounds(ink);
  if (!(halfWidth > 0 && halfHeight > 0) || !box) return WHOLE_PAD;
  let { left, top, right, bottom } = box;
  const edges = (view: InkView) => {
    const [w, h] = [halfWidth / view.scale, halfHeight / view.scale];
    return { l: view.x - w, t: view.y - h, r: view.x + w, b: view.y + h };
  };
  const within = (view: InkView, from = edges(view).l) => {
    const { t, r, b } = edges(view);
    return left >= from && right <= r && top >= t && bottom <= b;
  };
  // A followed line may run out of view on the left, as long as its end shows.
  if (follows(current) && right >= edges(current).l && within(current, -Infinity)) return current;
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

/**
 * The view moved along a hand-written line whose end has come within about a glyph height
 * (the ink's height) of the view's right edge, so that a third of the pad is free after it;
 * `current` if there is room, or if the view is zoomed out (a typed line: it already has room).
 * Moving, not zooming, keeps each new glyph at the writer's own scale; the line's start goes
 * out of view on the left.
 */
export function followLine(
  ink: Ink,
  halfWidth: number,
  halfHeight: number,
  current: InkView,
): InkView {
  const box = bounds(ink);
  if (!(halfWidth > 0 && halfHeight > 0) || !box || current.scale !== 1) return current;
  const glyph = Math.min(Math.max(box.bottom - box.top, 0.2), 2 * halfHeight);
  const free = Math.min(Math.max((2 * halfWidth) / 3, 1.5 * glyph), 2 * halfWidth - glyph);
  if (current.x + halfWidth - box.right >= Math.min(glyph, free)) return current;
  return { scale: 1, x: box.right + free - halfWidth, y: current.y };
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
