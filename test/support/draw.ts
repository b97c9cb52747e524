import { executeServerCommand } from '@web/test-runner-commands';

export type PointerKind = 'mouse' | 'pen' | 'touch';

export interface Step {
  type: 'down' | 'move' | 'up' | 'cancel';
  x: number;
  y: number;
  button?: 'left' | 'right' | 'middle';
  pressed?: boolean;
}

/** Trusted input through the Chrome DevTools Protocol (see test/support/input-commands.mjs). */
export async function replay(pointerType: PointerKind, steps: Step[]): Promise<void> {
  await executeServerCommand('pointer-replay', { pointerType, steps });
}

/** Strokes as [x, y] points in any unit, y down, e.g. a UNIPEN sample. */
export type RawStrokes = readonly (readonly (readonly [number, number])[])[];

export interface DrawOptions {
  pointerType?: PointerKind;
  /** Fraction of the surface left empty on each side. */
  margin?: number;
  /** Offset of the surface's frame in the top-level viewport (for pages inside an iframe). */
  frameOffset?: { x: number; y: number };
  /**
   * Fit width and height each within the margins (a line in a wide pad), instead of the longer
   * side within the shorter side of the surface (one glyph).
   */
  line?: boolean;
}

/** Fits raw strokes into the surface (keeping their aspect ratio) and draws them. */
export async function drawStrokes(
  surface: Element,
  strokes: RawStrokes,
  options: DrawOptions = {},
) {
  const { pointerType = 'mouse', margin = 0.15, frameOffset = { x: 0, y: 0 } } = options;
  const rect = surface.getBoundingClientRect();
  const xs = strokes.flat().map((p) => p[0]);
  const ys = strokes.flat().map((p) => p[1]);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const [extentX, extentY] = [Math.max(...xs) - minX, Math.max(...ys) - minY];
  const room = 1 - 2 * margin;
  const scale = options.line
    ? Math.min(
        (rect.width * room) / Math.max(extentX, 1e-9),
        (rect.height * room) / Math.max(extentY, 1e-9),
      )
    : (Math.min(rect.width, rect.height) * room) / Math.max(extentX, extentY, 1e-9);
  const width = (Math.max(...xs) - minX) * scale;
  const height = (Math.max(...ys) - minY) * scale;
  const left = frameOffset.x + rect.left + (rect.width - width) / 2;
  const top = frameOffset.y + rect.top + (rect.height - height) / 2;
  const steps: Step[] = [];
  for (const stroke of strokes) {
    stroke.forEach(([x, y], i) => {
      const point = { x: left + (x - minX) * scale, y: top + (y - minY) * scale };
      steps.push({ type: i === 0 ? 'down' : 'move', pressed: true, ...point });
      if (i === stroke.length - 1) steps.push({ type: 'up', ...point });
    });
  }
  await waitForUps(surface, strokes.length, () => replay(pointerType, steps));
}

/**
 * Runs `send` and resolves once the page has handled `count` pointerups and painted, so that
 * callers see the ink the input produced even when the renderer is slower than the protocol's
 * replies.
 */
async function waitForUps(surface: Element, count: number, send: () => Promise<void>) {
  const win = surface.ownerDocument.defaultView!;
  let seen = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const onUp = () => {
    if (++seen === count) done();
  };
  win.addEventListener('pointerup', onUp, true);
  try {
    await send();
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 5000))]);
    // The pad paints new ink at the next frame.
    await new Promise((resolve) => win.requestAnimationFrame(resolve));
  } finally {
    win.removeEventListener('pointerup', onUp, true);
  }
}

export const ONE: RawStrokes = [
  [
    [52, 0],
    [51, 20],
    [50, 45],
    [49, 70],
    [48, 100],
  ],
];

export const ZERO: RawStrokes = [
  Array.from({ length: 41 }, (_, i) => {
    const a = (i / 40) * Math.PI * 2;
    return [50 - 32 * Math.sin(a), 50 - 48 * Math.cos(a)] as const;
  }),
];
