import type { Ink } from './ink.js';

type Shape = readonly (readonly (readonly [number, number])[])[];

/**
 * Single-line drawings of the ten digits, used when a digit is typed instead of drawn (the
 * keyboard alternative to handwriting). Control points live in a unit box, y down, and are
 * smoothed with a Catmull-Rom spline; a repeated point makes a corner.
 */
const DIGITS: readonly Shape[] = [
  [ellipse(0.5, 0.5, 0.34, 0.5)],
  [
    [
      [0.62, 0],
      [0.62, 0],
      [0.38, 1],
      [0.38, 1],
    ],
  ],
  [
    [
      [0.12, 0.26],
      [0.3, 0.04],
      [0.56, 0],
      [0.82, 0.12],
      [0.84, 0.34],
      [0.6, 0.62],
      [0.12, 1],
      [0.12, 1],
      [0.92, 1],
      [0.92, 1],
    ],
  ],
  [
    [
      [0.12, 0.1],
      [0.42, 0],
      [0.78, 0.06],
      [0.84, 0.24],
      [0.62, 0.44],
      [0.4, 0.48],
      [0.4, 0.48],
      [0.74, 0.56],
      [0.9, 0.76],
      [0.74, 0.95],
      [0.4, 1],
      [0.1, 0.9],
    ],
  ],
  [
    [
      [0.3, 0],
      [0.3, 0],
      [0.08, 0.62],
      [0.08, 0.62],
      [0.92, 0.62],
      [0.92, 0.62],
    ],
    [
      [0.68, 0.2],
      [0.68, 0.2],
      [0.66, 1],
      [0.66, 1],
    ],
  ],
  [
    [
      [0.86, 0],
      [0.86, 0],
      [0.24, 0],
      [0.24, 0],
      [0.18, 0.44],
      [0.18, 0.44],
      [0.5, 0.38],
      [0.8, 0.5],
      [0.88, 0.74],
      [0.74, 0.94],
      [0.44, 1],
      [0.12, 0.9],
    ],
  ],
  [
    [
      [0.76, 0],
      [0.42, 0.2],
      [0.18, 0.55],
      [0.17, 0.82],
      [0.38, 1],
      [0.72, 0.96],
      [0.84, 0.74],
      [0.66, 0.54],
      [0.36, 0.55],
      [0.18, 0.74],
    ],
  ],
  [
    [
      [0.06, 0],
      [0.06, 0],
      [0.92, 0],
      [0.92, 0],
      [0.36, 1],
      [0.36, 1],
    ],
  ],
  [
    [
      [0.5, 0.47],
      [0.22, 0.3],
      [0.26, 0.07],
      [0.5, 0],
      [0.74, 0.07],
      [0.78, 0.3],
      [0.5, 0.47],
      [0.18, 0.7],
      [0.22, 0.93],
      [0.5, 1],
      [0.78, 0.93],
      [0.82, 0.7],
      [0.5, 0.47],
    ],
  ],
  [
    [
      [0.8, 0.22],
      [0.62, 0.02],
      [0.36, 0.02],
      [0.18, 0.2],
      [0.24, 0.42],
      [0.52, 0.46],
      [0.8, 0.3],
      [0.8, 0.3],
      [0.74, 0.64],
      [0.62, 1],
      [0.62, 1],
    ],
  ],
];

/**
 * The other symbols a line can hold, in a box one line high (y down, the baseline at 1). Sizes
 * and positions follow handwriting, because the line reader tells "." from a blob-shaped digit
 * and "-" from other bars by their size and place in the line.
 */
const OPERATORS: Readonly<Record<string, Shape>> = {
  '+': [
    [
      [0.25, 0.27],
      [0.25, 0.73],
    ],
    [
      [0.02, 0.5],
      [0.48, 0.5],
    ],
  ],
  '-': [
    [
      [0.04, 0.52],
      [0.46, 0.52],
    ],
  ],
  '*': [
    [
      [0.02, 0.3],
      [0.43, 0.7],
    ],
    [
      [0.43, 0.3],
      [0.02, 0.7],
    ],
  ],
  '/': [
    [
      [0.42, 0],
      [0.03, 1],
    ],
  ],
  '=': [
    [
      [0.04, 0.38],
      [0.46, 0.38],
    ],
    [
      [0.04, 0.64],
      [0.46, 0.64],
    ],
  ],
  '(': [
    [
      [0.28, -0.02],
      [0.1, 0.25],
      [0.04, 0.5],
      [0.1, 0.75],
      [0.28, 1.02],
    ],
  ],
  ')': [
    [
      [0.02, -0.02],
      [0.2, 0.25],
      [0.26, 0.5],
      [0.2, 0.75],
      [0.02, 1.02],
    ],
  ],
  '.': [ellipse(0.1, 0.95, 0.04, 0.04)],
};

/** Symbols that can be typed into a line: the digits and the operators above. */
export const TYPED_SYMBOLS: readonly string[] = [
  ...DIGITS.map((_, digit) => String(digit)),
  ...Object.keys(OPERATORS),
];

/** Height of a typed glyph, as a fraction of the pad's shorter side. */
const HEIGHT = 0.6;
/** In a line: glyph height, gap between glyphs and margin before the first one, in pad units. */
const LINE_HEIGHT = 0.5;
const LINE_GAP = 0.12;
const LINE_MARGIN = 0.15;
/** Typed digits in a line are narrower than the square digit pad's, as handwriting is. */
const LINE_DIGIT_WIDTH = 0.6;

/** The typed digit as pad-normalised ink, centred on the pad. */
export function digitGlyph(digit: number): Ink {
  const strokes = DIGITS[digit];
  if (!strokes) throw new RangeError(`Not a digit: ${digit}`);
  return strokes.map((stroke) =>
    catmullRom(stroke).map(([x, y]) => ({ x: (x - 0.5) * HEIGHT, y: (y - 0.5) * HEIGHT })),
  );
}

/**
 * The typed `symbol` as pad-normalised ink, placed in a line after `ink` (or at the left edge of
 * a pad `halfWidth` pad units wide on each side of its centre, if `ink` is empty). Null for a
 * symbol that cannot be typed.
 */
export function lineGlyph(symbol: string, ink: Ink, halfWidth: number): Ink | null {
  const digit = /^[0-9]$/.test(symbol) ? DIGITS[Number(symbol)] : null;
  const shape = digit ?? (Object.hasOwn(OPERATORS, symbol) ? OPERATORS[symbol] : null);
  if (!shape) return null;
  const xScale = digit ? LINE_DIGIT_WIDTH : 1;
  let right = -Infinity;
  for (const stroke of ink) for (const p of stroke) right = Math.max(right, p.x);
  const left = Number.isFinite(right) ? right + LINE_GAP : -halfWidth + LINE_MARGIN;
  return shape.map((stroke) =>
    catmullRom(stroke).map(([x, y]) => ({
      x: left + x * xScale * LINE_HEIGHT,
      y: (y - 0.5) * LINE_HEIGHT,
    })),
  );
}

function ellipse(cx: number, cy: number, rx: number, ry: number): [number, number][] {
  // Starts at the top and runs anticlockwise, the way most people write a zero.
  return Array.from({ length: 33 }, (_, i) => {
    const a = -Math.PI / 2 - (i / 32) * Math.PI * 2;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  });
}

function catmullRom(points: readonly (readonly [number, number])[], steps = 6): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)];
    const [p1, p2] = [points[i], points[i + 1]];
    const p3 = points[Math.min(points.length - 1, i + 2)];
    for (let s = 0; s < steps; s++) {
      const t = s / steps;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (a: number, b: number, c: number, d: number) =>
        0.5 *
        (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (3 * b - a - 3 * c + d) * t3);
      out.push([f(p0[0], p1[0], p2[0], p3[0]), f(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  out.push([...points[points.length - 1]] as [number, number]);
  return out;
}
