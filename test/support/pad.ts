import { fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/digit-pad/define.js';
import type { DigitPad } from '../../src/components/digit-pad/digit-pad.js';

export async function readyPad(template = html`<digit-pad></digit-pad>`): Promise<DigitPad> {
  const pad = await fixture<DigitPad>(template);
  await pad.whenReady();
  return pad;
}

export function surfaceOf(pad: DigitPad): HTMLElement {
  return pad.shadowRoot!.querySelector<HTMLElement>('.surface')!;
}

export function canvasOf(pad: DigitPad): HTMLCanvasElement {
  return pad.shadowRoot!.querySelector('canvas')!;
}

/** Number of canvas pixels with any ink on them. */
export function inkedPixels(canvas: HTMLCanvasElement): number {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
  return count;
}

/** The painted ink's bounds, in CSS pixels of the viewport. */
export function inkBounds(canvas: HTMLCanvasElement) {
  const { data, width, height } = canvas
    .getContext('2d')!
    .getImageData(0, 0, canvas.width, canvas.height);
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4 + 3] === 0) continue;
      [left, right] = [Math.min(left, x), Math.max(right, x + 1)];
      [top, bottom] = [Math.min(top, y), Math.max(bottom, y + 1)];
    }
  }
  const rect = canvas.getBoundingClientRect();
  const [sx, sy] = [rect.width / width, rect.height / height];
  return {
    left: rect.left + left * sx,
    right: rect.left + right * sx,
    top: rect.top + top * sy,
    bottom: rect.top + bottom * sy,
  };
}

export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

export { oneEvent };
