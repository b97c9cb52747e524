import { expect, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { requireInput } from './support/draw.js';
import { followed, writeOnes } from './support/long-line.js';
import {
  expectNoBarAnimation,
  expectVisibleBarsInForcedColours,
  expectVisibleInkInForcedColours,
  peakedChart,
  transitionSeconds,
} from './support/media-checks.js';
import { nextFrame, readyPad, surfaceOf } from './support/pad.js';

const emulate = (features: { name: string; value: string }[]) =>
  executeServerCommand('media-features', { features });

// Chromium emulates media features at run time; the other engines run the same checks in a
// browser launched with the user's preferences (test/user-settings.test.ts).
describe('hardening: #23 reduced motion and forced colours, emulated', () => {
  beforeEach(async function () {
    await requireInput(this, (can) => can.media.length > 0);
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'pending') await emulate([]);
  });

  it('animates bars normally and not at all under prefers-reduced-motion', async () => {
    expect(transitionSeconds(await peakedChart())[0]).to.be.above(0);
    // Emulated media features apply to what renders after the change.
    await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await expectNoBarAnimation();
  });

  it('keeps bars and the top-1 visible in forced-colours mode', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    await expectVisibleBarsInForcedColours();
  });

  it('paints ink in the system text colour in forced-colours mode', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    await expectVisibleInkInForcedColours();
  });

  it('marks the side where a followed line goes on out of view with a dashed edge when forced', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    const pad = await readyPad(html`<digit-pad mode="number" style="width: 480px"></digit-pad>`);
    const surface = surfaceOf(pad);
    expect(getComputedStyle(surface).borderLeftStyle).to.equal('solid');
    await writeOnes(pad, 'mouse');
    await followed(pad);
    await nextFrame();
    expect(getComputedStyle(surface).borderLeftStyle).to.equal('dashed');
    expect(getComputedStyle(surface).borderRightStyle).to.equal('solid');
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
