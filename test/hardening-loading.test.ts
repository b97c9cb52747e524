import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import { drawStrokes, ONE, ZERO } from './support/draw.js';
import { manualClock } from './support/clock.js';
import { firstError, recordErrors, sleep } from './support/errors.js';
import { surfaceOf } from './support/pad.js';
import { watchWorkers } from './support/workers.js';

const MLP = '/models/mlp.onnx';

async function bytesOf(url: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

function blobUrl(body: BlobPart): string {
  return URL.createObjectURL(new Blob([body]));
}

describe('hardening: models and loading', () => {
  it('#1 a 404 gives one model-fetch error with the status, shown in the pad, retried on later input only after 2, 4, 8 and 16 s, with no unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    addEventListener('unhandledrejection', onRejection);
    const workers = watchWorkers();
    // Retry delays are stepped through on a manual clock, not waited for.
    const clock = manualClock();
    try {
      const pad = await fixture<DigitPad>(
        html`<digit-pad models="cnn=/models/missing.onnx"></digit-pad>`,
      );
      const errors = recordErrors(pad);
      if (errors.length === 0) await oneEvent(pad, 'error');
      expect(errors[0].detail).to.include({ code: 'model-fetch', status: 404, model: 'cnn' });
      await pad.updateComplete;
      const status = pad.shadowRoot!.querySelector('[part="status"]')!;
      expect(status.textContent).to.contain(errors[0].detail.message);
      const loads = () => workers.sent.filter((type) => type === 'load').length;
      // Input right after the failure does not hammer the server: retries wait, with backoff.
      await drawStrokes(surfaceOf(pad), ONE);
      expect(loads()).to.equal(1);
      for (const [failure, wait] of [2000, 4000, 8000, 16000].entries()) {
        clock.tick(wait - 1);
        pad.enterDigit(failure);
        expect(loads(), `retry ${failure + 1} too early`).to.equal(failure + 1);
        clock.tick(1);
        pad.enterDigit(failure);
        expect(loads(), `retry ${failure + 1}`).to.equal(failure + 2);
        await oneEvent(pad, 'error');
      }
      clock.tick(60_000);
      pad.enterDigit(9);
      expect(loads(), 'no 5th retry').to.equal(5);
      expect(errors).to.have.length(5);
      expect(rejections).to.deep.equal([]);
    } finally {
      clock.restore();
      workers.restore();
      removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('#1 a network failure gives model-fetch too', async () => {
    const { error } = await firstError(
      html`<digit-pad models="cnn=http://127.0.0.1:9/m.onnx"></digit-pad>`,
    );
    expect(error.code).to.equal('model-fetch');
  });

  it('#2 an HTML page, an empty body, a truncated model and random bytes each give model-invalid, and the worker stays usable', async () => {
    const workers = watchWorkers();
    try {
      const model = await bytesOf(MLP);
      const random = crypto.getRandomValues(new Uint8Array(4096));
      const bodies = {
        html: '<!doctype html><title>Not found</title><p>Sorry</p>',
        empty: '',
        truncated: model.slice(0, model.length / 2),
        random,
      };
      const pad = await fixture<DigitPad>(
        html`<digit-pad models="x=${blobUrl(bodies.html)}"></digit-pad>`,
      );
      const errors = recordErrors(pad);
      for (const [kind, body] of Object.entries(bodies)) {
        if (kind !== 'html') pad.models = `x=${blobUrl(body)}`;
        await oneEvent(pad, 'error');
        expect(errors.at(-1)!.detail.code, kind).to.equal('model-invalid');
      }
      pad.models = `mlp=${MLP}`;
      await pad.whenReady();
      await drawStrokes(surfaceOf(pad), ONE);
      expect((await pad.whenSettled())!.results.mlp.label).to.equal(1);
      expect(workers.created).to.have.length(1);
    } finally {
      workers.restore();
    }
  });

  it('#3 a valid model with the wrong shape gives a single model-incompatible error naming the contract, not one per stroke', async () => {
    const { pad, error, errors } = await firstError(
      html`<digit-pad models="odd=/test/fixtures/models/wrong-shape.onnx"></digit-pad>`,
    );
    expect(error.code).to.equal('model-incompatible');
    expect(error.message).to.contain('[N,1,28,28]').and.contain('[N,10]');
    const workers = watchWorkers();
    const clock = manualClock();
    try {
      for (let i = 0; i < 3; i++) await drawStrokes(surfaceOf(pad), ONE);
      // Long past any download retry's delay: still nothing is reloaded.
      clock.tick(60_000);
      await drawStrokes(surfaceOf(pad), ZERO);
      expect(workers.sent).to.not.include('load');
      expect(errors).to.have.length(1);
    } finally {
      clock.restore();
      workers.restore();
    }
  });

  it('#4 a model over max-model-bytes is aborted with model-too-large', async () => {
    const { error } = await firstError(
      html`<digit-pad models="mlp=/slow/0${MLP}" max-model-bytes="100000"></digit-pad>`,
    );
    expect(error.code).to.equal('model-too-large');
    expect(error.message).to.contain('100000');
  });

  it('#4 the size cap also holds when the server sends no length', async () => {
    const model = await bytesOf(MLP);
    // A blob: body is read as a stream; the cap cuts it off mid-way.
    const stream = new Response(new Blob([model]).stream()).body!;
    const url = URL.createObjectURL(await new Response(stream).blob());
    const { error } = await firstError(
      html`<digit-pad models="mlp=${url}" max-model-bytes="1000000"></digit-pad>`,
    );
    expect(error.code).to.equal('model-too-large');
  });

  it('#5 a wrong integrity value gives model-integrity and no session; the right one loads', async () => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await bytesOf(MLP)));
    const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    const sri = `sha256-${btoa(String.fromCharCode(...digest))}`;
    const wrong = 'sha256-' + btoa('x'.repeat(32));
    const { pad, error } = await firstError(
      html`<digit-pad models="mlp=${MLP}" integrity="mlp=${wrong}"></digit-pad>`,
    );
    expect(error.code).to.equal('model-integrity');
    // A stray 'ready' for the refused model, however late, would make this count 3.
    let ready = 0;
    pad.addEventListener('ready', () => ready++);
    for (const good of [sri, hex]) {
      pad.integrity = `mlp=${good}`;
      await pad.whenReady();
    }
    expect(ready).to.equal(2);
  });

  it('#6 data:, javascript: and file: model URLs are refused when the attribute is read, before any fetch', async () => {
    const workers = watchWorkers();
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const pad = document.createElement('digit-pad');
      const errors = recordErrors(pad);
      pad.setAttribute(
        'models',
        'a=data:application/octet-stream;base64,AAAA b=javascript:alert(1) c=file:///etc/passwd',
      );
      document.body.append(pad);
      await pad.updateComplete;
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['config']);
      expect(workers.created).to.have.length(0);
      expect(warnings).to.have.length(3);
      pad.remove();
    } finally {
      console.warn = warn;
      workers.restore();
    }
  });

  it('#7 models changing A→B→C while loading: only C is ever used, and A and B downloads are aborted', async () => {
    const tag = Math.random().toString(36).slice(2);
    const mine = async () => {
      const requests: { url: string; aborted: boolean }[] = await (
        await fetch('/__requests')
      ).json();
      return requests.filter((r) => r.url.includes(tag));
    };
    const pad = await fixture<DigitPad>(
      html`<digit-pad models="a=/slow/3000${MLP}?${tag}a"></digit-pad>`,
    );
    const seen: string[][] = [];
    const errors = recordErrors(pad);
    pad.addEventListener('ready', (e) => seen.push([...e.detail.models]));
    pad.addEventListener('prediction', (e) => seen.push(Object.keys(e.detail.results)));
    // Each change comes while the server holds the previous download.
    await waitUntil(async () => (await mine()).length === 1, 'A requested', { timeout: 5000 });
    pad.models = `b=/slow/3000${MLP}?${tag}b`;
    await waitUntil(async () => (await mine()).length === 2, 'B requested', { timeout: 5000 });
    pad.models = `c=${MLP}`;
    await pad.whenReady();
    await drawStrokes(surfaceOf(pad), ONE);
    await pad.whenSettled();
    // An aborted download can deliver nothing later; one that was not would fail here.
    await waitUntil(
      async () => (await mine()).every((r) => r.aborted),
      'A and B downloads aborted',
      { timeout: 10000 },
    );
    expect(seen.flat().every((name) => name === 'c')).to.be.true;
    expect(errors).to.have.length(0);
    expect((await mine()).map((r) => r.aborted)).to.deep.equal([true, true]);
  });

  it('#8 NaN outputs give a model-output error and never reach a chart', async () => {
    const { pad, error } = await firstError(
      html`<digit-pad models="nan=/test/fixtures/models/nan-output.onnx"></digit-pad>`,
    );
    expect(error.code).to.equal('model-output');
    expect(pad.prediction).to.equal(null);
  });

  it('whenReady and whenSettled reject once loading has failed, instead of hanging', async () => {
    // A promise still pending a few seconds after the failure is a hang: the fixed code
    // settles these within microtasks.
    const outcome = (promise: Promise<unknown>) =>
      Promise.race([
        promise.then(
          () => 'resolved',
          () => 'rejected',
        ),
        sleep(2000).then(() => 'pending'),
      ]);
    const html404 = blobUrl('<!doctype html><title>Not found</title>');
    for (const models of [`x=${html404}`, 'x=/models/missing.onnx']) {
      const { pad, error } = await firstError(html`<digit-pad models=${models}></digit-pad>`);
      expect(await outcome(pad.whenReady()), `whenReady after ${error.code}`).to.equal('rejected');
      expect(await outcome(pad.whenSettled()), `whenSettled after ${error.code}`).to.equal(
        'rejected',
      );
    }
  });

  it('sends the snapshot that waited behind a failed one, without more input', async () => {
    const workers = watchWorkers();
    try {
      const pad = await fixture<DigitPad>(
        html`<digit-pad models="bad=/test/fixtures/models/nan-on-ink.onnx"></digit-pad>`,
      );
      await pad.whenSettled();
      const errors = recordErrors(pad);
      const sent = workers.sent.length;
      pad.enterDigit(1);
      pad.enterDigit(2);
      // The first is in the worker, the second waits for its answer: a failure.
      expect(workers.sent.slice(sent)).to.deep.equal(['predict']);
      await waitUntil(() => errors.length === 2, 'the waiting snapshot sent and failed too', {
        timeout: 10000,
      });
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['model-output', 'model-output']);
      expect(await pad.whenSettled(), 'the latest snapshot failed').to.equal(null);
    } finally {
      workers.restore();
    }
  });

  it('a WebAssembly runtime that cannot start is reported as such, not as a bad model', async () => {
    // The real worker, in a page where WebAssembly cannot be instantiated (as when the .wasm
    // is missing or a CSP forbids compiling it).
    const script = (source: string) =>
      URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const block = script(
      `for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming'])
        WebAssembly[name] = () => Promise.reject(new Error('WebAssembly blocked by the test'));`,
    );
    const worker = new URL('/src/workers/inference.worker.js', location.href);
    DigitPad.workerUrl = new URL(script(`import '${block}';\nimport '${worker}';`));
    try {
      const { error } = await firstError(html`<digit-pad models="mlp=${MLP}"></digit-pad>`);
      expect(error.code).to.equal('runtime');
      expect(error.message).to.contain('WebAssembly blocked by the test');
      expect(error.model).to.equal(undefined);
    } finally {
      DigitPad.workerUrl = null;
    }
  });

  it('#8 a model whose output has the wrong count is incompatible', async () => {
    // wrong-shape.onnx returns 784 numbers; the static check or the warm-up run must catch it.
    const { error } = await firstError(
      html`<digit-pad models="odd=/test/fixtures/models/wrong-shape.onnx"></digit-pad>`,
    );
    expect(error.code).to.equal('model-incompatible');
  });
});
