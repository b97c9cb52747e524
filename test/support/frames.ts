import { waitUntil } from '@open-wc/testing';
import type { DigitPad } from '../../src/components/digit-pad/digit-pad.js';

const opened = new Set<HTMLIFrameElement>();

// A frame left behind by a failing test would push later fixtures out of the viewport, where
// WebDriver cannot point at them, and fail tests that have nothing wrong.
afterEach(() => {
  for (const frame of opened) frame.remove();
  opened.clear();
});

/** Loads a page in a frame, the way a visitor would open it, and returns its first pad. */
export async function openPage(src: string, { width = 1100, height = 900 } = {}) {
  const frame = document.createElement('iframe');
  opened.add(frame);
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0`;
  frame.src = src;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  await waitUntil(() => doc.querySelector('digit-pad')?.shadowRoot, `pad rendered in ${src}`);
  const pad = doc.querySelector('digit-pad') as DigitPad;
  // Input is routed by what the compositor has drawn: wait until the frame's content is painted.
  const win = frame.contentWindow!;
  for (let i = 0; i < 3; i++) await new Promise((resolve) => win.requestAnimationFrame(resolve));
  const surface = pad.shadowRoot!.querySelector('.surface')!;
  const rect = frame.getBoundingClientRect();
  return { frame, doc, pad, surface, frameOffset: { x: rect.left, y: rect.top } };
}

type AxeWindow = Window & { axe?: typeof import('axe-core') };

/** Runs axe inside a page's own document (axe cannot check another realm's nodes). */
export async function axeViolations(doc: Document): Promise<string[]> {
  const win = doc.defaultView as AxeWindow;
  if (!win.axe) {
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    doc.head.append(script);
    await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
  }
  const { violations } = await win.axe!.run(doc);
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
