import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/prob-chart/define.js';
import type { ProbChart } from '../../src/components/prob-chart/prob-chart.js';
import { drawStrokes, ZERO } from './draw.js';
import { canvasOf, inkedPixels, readyPad, surfaceOf } from './pad.js';

// The checks of reduced motion and forced colours, shared by the emulated media features
// (test/media.test.ts, Chromium) and a browser set up with the user's settings
// (test/user-settings.test.ts, every engine).

const PEAKED = [0.05, 0.05, 0.05, 0.6, 0.05, 0.05, 0.05, 0.04, 0.03, 0.03];

function fills(chart: ProbChart): HTMLElement[] {
  return [...chart.shadowRoot!.querySelectorAll<HTMLElement>('.fill')];
}

export const peakedChart = () =>
  fixture<ProbChart>(html`<prob-chart .probabilities=${PEAKED}></prob-chart>`);

export function transitionSeconds(chart: ProbChart): number[] {
  return fills(chart).map((f) => parseFloat(getComputedStyle(f).transitionDuration));
}

export async function expectNoBarAnimation() {
  expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'reduced motion asked').to.be.true;
  expect(transitionSeconds(await peakedChart())).to.deep.equal(Array(10).fill(0));
}

export async function expectVisibleBarsInForcedColours() {
  expect(matchMedia('(forced-colors: active)').matches, 'forced colours on').to.be.true;
  const chart = await peakedChart();
  const [plain, , , top] = fills(chart).map((f) => getComputedStyle(f).backgroundColor);
  const track = getComputedStyle(chart.shadowRoot!.querySelector('.track')!).backgroundColor;
  expect(plain).to.not.equal(track);
  expect(top).to.not.equal(track);
  expect(top).to.not.equal(plain);
}

export async function expectVisibleInkInForcedColours() {
  expect(matchMedia('(forced-colors: active)').matches, 'forced colours on').to.be.true;
  const pad = await readyPad();
  await drawStrokes(surfaceOf(pad), ZERO);
  expect(inkedPixels(canvasOf(pad))).to.be.above(100);
  const ink = getComputedStyle(canvasOf(pad)).color;
  const background = getComputedStyle(surfaceOf(pad)).backgroundColor;
  expect(ink).to.not.equal(background);
}
