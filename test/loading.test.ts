// Issue #13: the models download together, not each after the one before.
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../src/components/digit-pad/define.js';
import type { DigitPad } from '../src/components/digit-pad/digit-pad.js';

interface SlowRequest {
  url: string;
  aborted: boolean;
}

describe('loading (#13)', () => {
  it('asks for every model at once, and removing the pad cancels the downloads', async () => {
    // Each answer is held back for a minute: one after another, the second request would not
    // be made before the first had been answered.
    const tag = `parallel-${Math.random().toString(36).slice(2)}`;
    const pad = await fixture<DigitPad>(
      html`<digit-pad
        models="a=/slow/60000/models/mlp.onnx?${tag} b=/slow/60000/models/cnn.onnx?${tag}"
      ></digit-pad>`,
    );
    const mine = async () =>
      ((await (await fetch('/__requests')).json()) as SlowRequest[]).filter((r) =>
        r.url.includes(tag),
      );
    await waitUntil(async () => (await mine()).length === 2, 'both models requested', {
      timeout: 20000,
    });
    pad.remove();
    await waitUntil(async () => (await mine()).every((r) => r.aborted), 'downloads cancelled', {
      timeout: 20000,
    });
  });
});
