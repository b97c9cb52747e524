import { expect, html } from '@open-wc/testing';
import {
  expectNoBarAnimation,
  expectVisibleBarsInForcedColours,
  expectVisibleInkInForcedColours,
} from './support/media-checks.js';
import { canvasOf, inkedPixels, nextFrame, readyPad } from './support/pad.js';

/**
 * Share of a 200 px pad's canvas that a typed 8 inks, measured at one device pixel per CSS
 * pixel in all three engines (0.090 to 0.094). At two device pixels per CSS pixel it measured
 * 0.086 to 0.089 (anti-aliased edges weigh less); thin strokes would ink about half.
 */
const INK_SHARE_OF_8 = 0.092;

// Runs only in the "user-settings" group of web-test-runner.config.mjs: a browser launched on
// a screen of two device pixels per CSS pixel, for a user who asked for reduced motion and,
// where the engine has the mode, forced colours.
describe('a high-density screen from the start', () => {
  it('paints crisp ink of the right width with no resize first', async () => {
    expect(devicePixelRatio, 'browser launched at two device pixels per CSS pixel').to.equal(2);
    const pad = await readyPad(html`<digit-pad style="inline-size: 200px"></digit-pad>`);
    const canvas = canvasOf(pad);
    expect(canvas.width).to.equal(Math.round(canvas.clientWidth * 2));
    expect(canvas.height).to.equal(Math.round(canvas.clientHeight * 2));
    pad.enterDigit(8);
    await nextFrame();
    // Strokes as thin as at ratio 1 would ink about half this share (the ancestor's iPad bug).
    const share = inkedPixels(canvas) / (canvas.width * canvas.height);
    expect(share / INK_SHARE_OF_8).to.be.within(0.8, 1.25);
  });
});

describe('hardening: #23 reduced motion and forced colours, as the user set them', () => {
  it('animates no bar when the user prefers reduced motion', async () => {
    await expectNoBarAnimation();
  });

  describe('forced colours', () => {
    beforeEach(function () {
      // Chromium can be put in this mode only by emulation (test/media.test.ts), and WebKit has
      // no forced-colours mode at all.
      if (!matchMedia('(forced-colors: active)').matches) this.skip();
    });

    it('keeps bars and the top-1 visible', async () => {
      await expectVisibleBarsInForcedColours();
    });

    it('paints ink in the system text colour', async () => {
      await expectVisibleInkInForcedColours();
    });
  });
});
