import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/components/prob-chart/define.js';
import type { ProbChart } from '../src/components/prob-chart/prob-chart.js';
import { drawStrokes, ZERO } from './support/draw.js';
import { canvasOf, inkedPixels, nextFrame, readyPad, surfaceOf } from './support/pad.js';

const emulate = (features: { name: string; value: string }[]) =>
  executeServerCommand('media-features', { features });

const PEAKED = [0.05, 0.05, 0.05, 0.6, 0.05, 0.05, 0.05, 0.04, 0.03, 0.03];

function fills(chart: ProbChart): HTMLElement[] {
  return [...chart.shadowRoot!.querySelectorAll<HTMLElement>('.fill')];
}

describe('hardening: #23 reduced motion and forced colours', () => {
  afterEach(() => emulate([]));

  it('animates bars normally and not at all under prefers-reduced-motion', async () => {
    const moving = await fixture<ProbChart>(
      html`<prob-chart .probabilities=${PEAKED}></prob-chart>`,
    );
    expect(parseFloat(getComputedStyle(fills(moving)[0]).transitionDuration)).to.be.above(0);
    // Emulated media features apply to what renders after the change.
    await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    const chart = await fixture<ProbChart>(
      html`<prob-chart .probabilities=${PEAKED}></prob-chart>`,
    );
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.be.true;
    const durations = fills(chart).map((f) => parseFloat(getComputedStyle(f).transitionDuration));
    expect(durations).to.deep.equal(Array(10).fill(0));
  });

  it('keeps bars and the top-1 visible in forced-colours mode', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    const chart = await fixture<ProbChart>(
      html`<prob-chart .probabilities=${PEAKED}></prob-chart>`,
    );
    const [plain, , , top] = fills(chart).map((f) => getComputedStyle(f).backgroundColor);
    const track = getComputedStyle(chart.shadowRoot!.querySelector('.track')!).backgroundColor;
    expect(plain).to.not.equal(track);
    expect(top).to.not.equal(track);
    expect(top).to.not.equal(plain);
  });

  it('paints ink in the system text colour in forced-colours mode', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    const pad = await readyPad();
    await drawStrokes(surfaceOf(pad), ZERO);
    expect(inkedPixels(canvasOf(pad))).to.be.above(100);
    const ink = getComputedStyle(canvasOf(pad)).color;
    const background = getComputedStyle(surfaceOf(pad)).backgroundColor;
    expect(ink).to.not.equal(background);
  });

  it('moves glyph boxes with a transition, none under reduced motion, and draws them in system colours when forced', async () => {
    const boxesOf = async (template = html`<digit-pad mode="number"></digit-pad>`) => {
      const pad = await readyPad(template);
      pad.enterText('10');
      await pad.whenSettled();
      await nextFrame();
      return [...pad.shadowRoot!.querySelectorAll<HTMLElement>('.glyph-box')];
    };
    const moving = await boxesOf();
    expect(moving).to.have.length(2);
    expect(parseFloat(getComputedStyle(moving[0]).transitionDuration)).to.be.above(0);
    await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    const still = await boxesOf();
    expect(still.map((b) => parseFloat(getComputedStyle(b).transitionDuration))).to.deep.equal([
      0, 0,
    ]);
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    const forced = await boxesOf();
    const probe = document.createElement('div');
    document.body.append(probe);
    probe.style.color = 'GrayText';
    const grayText = getComputedStyle(probe).color;
    probe.style.color = 'Highlight';
    const highlight = getComputedStyle(probe).color;
    probe.remove();
    const colours = forced.map((b) => getComputedStyle(b).borderTopColor);
    // The glyph being written (the "0") is emphasised.
    expect(colours).to.deep.equal([grayText, highlight]);
  });
});
