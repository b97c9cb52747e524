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

/**
 * The view that shows all of `ink` on a pad `halfWidth` × `halfHeight` pad units round its
 * centre (one of them is 0.5), given the `current` one:
 * - the whole pad, as it is, while every point of the ink lies on it;
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
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const stroke of ink) {
    for (const { x, y } of stroke) {
      [left, right] = [Math.min(left, x), Math.max(right, x)];
      [top, bottom] = [Math.min(top, y), Math.max(bottom, y)];
    }
  }
  if (!(halfWidth > 0 && halfHeight > 0) || left > right) return WHOLE_PAD;
  const within = (view: InkView) => {
    const [w, h] = [halfWidth / view.scale, halfHeight / view.scale];
    return left >= view.x - w && right <= view.x + w && top >= view.y - h && bottom <= view.y + h;
  };
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
