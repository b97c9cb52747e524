import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { requireInput } from './support/draw.js';
import {
  expectNoBarAnimation,
  expectVisibleBarsInForcedColours,
  expectVisibleInkInForcedColours,
  peakedChart,
  transitionSeconds,
} from './support/media-checks.js';

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
});
