// Issue #13: the models download together, not each after the one before; the bundled models'
// precision is one attribute away.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/components/digit-pad/define.js';
import type { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import type { LoadRequest } from '../src/workers/protocol.js';

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

/** The model URLs of every `load` request the page's pads send to their workers. */
function recordLoads() {
  const loads: string[][] = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
    const request = message as Partial<LoadRequest>;
    if (request.type === 'load') loads.push(request.models!.map((m) => m.url));
    return post.call(this, message, ...rest);
  };
  return { loads, restore: () => (Worker.prototype.postMessage = post) };
}

describe('precision (#13)', () => {
  const files = (urls: string[] | undefined) =>
    urls?.map((u) => new URL(u).pathname.split('/').pop());

  it('loads the int8 models by default, fp32 with precision="fp32", and ignores it beside models', async () => {
    const { loads, restore } = recordLoads();
    try {
      const pad = await fixture<DigitPad>(html`<digit-pad></digit-pad>`);
      await pad.whenReady();
      expect(files(loads.at(-1))).to.deep.equal(['mlp.int8.onnx', 'cnn.int8.onnx']);
      pad.precision = 'fp32';
      await pad.updateComplete;
      await pad.whenReady();
      expect(files(loads.at(-1))).to.deep.equal(['mlp.onnx', 'cnn.onnx']);
      pad.models = 'x=/models/mlp.onnx';
      await pad.updateComplete;
      expect(files(loads.at(-1))).to.deep.equal(['mlp.onnx']);
    } finally {
      restore();
    }
  });

  it('falls back to int8 with one warning on an unknown precision', async () => {
    const { loads, restore } = recordLoads();
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const pad = await fixture<DigitPad>(html`<digit-pad precision="fp64"></digit-pad>`);
      await pad.updateComplete;
      expect(files(loads.at(-1))).to.deep.equal(['mlp.int8.onnx', 'cnn.int8.onnx']);
      expect(warnings.filter((w) => w.includes('precision="fp64"'))).to.have.length(1);
    } finally {
      console.warn = warn;
      restore();
    }
  });
});
