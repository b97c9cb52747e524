import {
  expectNoBarAnimation,
  expectVisibleBarsInForcedColours,
  expectVisibleInkInForcedColours,
} from './support/media-checks.js';

// Runs only in the "user-preferences" group of web-test-runner.config.mjs: a browser launched
// as a user who asked for reduced motion and, where the engine has the mode, forced colours.
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
