import type { Ink } from '../../src/ink/ink.js';

/** A closed loop ("0") centred on (cx, cy) with the given half-height, in pad units. */
export function loop(cx: number, cy: number, r: number, points = 40): Ink {
  return [
    Array.from({ length: points + 1 }, (_, i) => {
      const a = (i / points) * Math.PI * 2;
      return { x: cx + r * 0.7 * Math.sin(a), y: cy - r * Math.cos(a) };
    }),
  ];
}

/** A vertical bar ("1") from (x, y0) to (x, y1). */
export function bar(x: number, y0: number, y1: number, points = 20): Ink {
  return [Array.from({ length: points + 1 }, (_, i) => ({ x, y: y0 + ((y1 - y0) * i) / points }))];
}

/** Moves and scales ink: p → p * scale + (dx, dy). */
export function transform(ink: Ink, scale: number, dx: number, dy: number): Ink {
  return ink.map((stroke) => stroke.map((p) => ({ x: p.x * scale + dx, y: p.y * scale + dy })));
}
