import { executeServerCommand } from '@web/test-runner-commands';

export type PointerKind = 'mouse' | 'pen' | 'touch';

export interface Step {
  type: 'down' | 'move' | 'up' | 'cancel';
  x: number;
  y: number;
  button?: 'left' | 'right' | 'middle';
  pressed?: boolean;
}

/** What the engine's input driver can produce (test/support/input/). */
export interface InputCapabilities {
  pointerTypes: PointerKind[];
  /** Right and middle mouse buttons, pressed and released. */
  otherButtons: boolean;
  /** Pointer positions go to the page rounded to whole CSS pixels. */
  wholePixels: boolean;
  /** A touch `pointercancel` from the platform, not a synthetic one. */
  pointerCancel: boolean;
  /** devicePixelRatio changes at run time. */
  deviceScale: boolean;
  /** Wheel and trackpad scrolls. */
  wheel: boolean;
  /** Media features the driver can emulate, e.g. 'prefers-reduced-motion'. */
  media: string[];
}

let capabilities: Promise<InputCapabilities> | undefined;

export function inputCapabilities(): Promise<InputCapabilities> {
  capabilities ??= executeServerCommand('input-capabilities') as Promise<InputCapabilities>;
  return capabilities;
}

/**
 * Skips the running test (reported as skipped, never as passed) in an engine whose driver
 * cannot give it the input it is about. test/README.md lists each such case and why.
 */
export async function requireInput(
  test: Mocha.Context,
  needs: (capabilities: InputCapabilities) => boolean,
): Promise<void> {
  if (!needs(await inputCapabilities())) test.skip();
}

/**
 * The pointer type to draw with where the type is incidental to the test: the one asked for if
 * the engine's driver has it, else a mouse.
 */
export async function pointerOr(pointerType: PointerKind): Promise<PointerKind> {
  return (await inputCapabilities()).pointerTypes.includes(pointerType) ? pointerType : 'mouse';
}

/**
 * Most steps sent in one command. The browser waits 20 s for a command's answer, and WebKit's
 * driver took longer than that for a 20-digit line on a slow machine; longer replays go in
 * several commands, split only where the pointer is up.
 */
const STEPS_PER_COMMAND = 300;

/** Trusted input through the engine's automation protocol (test/support/input/commands.mjs). */
export async function replay(pointerType: PointerKind, steps: Step[]): Promise<void> {
  for (const chunk of chunksAtPointerUp(steps, STEPS_PER_COMMAND))
    await executeServerCommand('pointer-replay', { pointerType, steps: chunk });
}

/** `steps` cut after an 'up' or 'cancel' once a chunk holds `max` steps (a stroke stays whole). */
export function chunksAtPointerUp(steps: Step[], max: number): Step[][] {
  const chunks: Step[][] = [[]];
  for (const step of steps) {
    const chunk = chunks[chunks.length - 1];
    chunk.push(step);
    if (chunk.length >= max && (step.type === 'up' || step.type === 'cancel')) chunks.push([]);
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

/** A trusted turn of a wheel, or a trackpad swipe, over a viewport point (CSS pixels). */
export async function wheel(x: number, y: number, deltaX: number, deltaY = 0): Promise<void> {
  await executeServerCommand('wheel', { x, y, deltaX, deltaY });
}

/** One finger's step in a multi-touch gesture; null: the finger waits that tick. */
export type FingerStep = { type: 'down' | 'up' } | { type: 'move'; x: number; y: number } | null;

/**
 * A trusted gesture of several fingers, one list of steps per finger and one step of each per
 * tick (viewport CSS pixels). A finger goes down where it last moved to.
 */
export async function multiTouch(fingers: FingerStep[][]): Promise<void> {
  await executeServerCommand('multi-touch', { fingers });
}

/** Trusted keys held together, e.g. ['Control', 'z']: pressed in order, released in reverse. */
export async function chord(...keys: string[]): Promise<void> {
  await executeServerCommand('key-chord', { keys });
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

/**
 * Fits raw strokes into the surface (keeping their aspect ratio) and draws them; returns the
 * steps sent.
 */
export async function drawStrokes(
  surface: Element,
  strokes: RawStrokes,
  options: DrawOptions = {},
): Promise<Step[]> {
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
  return steps;
}

/**
 * How many points each stroke of `steps` can give the page at most: its positions, less
 * repeats, as the driver delivers them.
 */
export async function distinctPoints(steps: readonly Step[]): Promise<number[]> {
  const { wholePixels } = await inputCapabilities();
  const at = (n: number) => (wholePixels ? Math.round(n) : n);
  const counts: number[] = [];
  let last = '';
  for (const step of steps) {
    const position = `${at(step.x)},${at(step.y)}`;
    if (step.type === 'down') counts.push(1);
    else if (position !== last) counts[counts.length - 1]++;
    last = position;
  }
  return counts;
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
