// Issue #13: the built files go out precompressed (here through the test server's copy of
// `npm start`'s middleware, scripts/static-headers.mjs), and the checks on models still apply to
// the decoded bytes. Needs `npm run build`.
import { expect, fixture, html } from '@open-wc/testing';
import type { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import { firstError } from './support/errors.js';

const WASM = '/dist/workers/ort-wasm-simd-threaded.wasm';
const CNN = '/dist/models/cnn.onnx';

interface Metrics {
  files: Record<string, { bytes: number; sha256: string }>;
}

describe('serving dist/ (#13)', () => {
  it('sends the wasm brotli-compressed, as application/wasm, cacheable, and it compiles while streaming', async () => {
    const response = await fetch(WASM);
    expect(response.headers.get('content-encoding')).to.equal('br');
    expect(response.headers.get('content-type')).to.equal('application/wasm');
    expect(response.headers.get('cache-control')).to.match(/max-age=\d+/);
    const module = await WebAssembly.compileStreaming(response);
    expect(WebAssembly.Module.exports(module).length).to.be.greaterThan(0);
  });

  it('checks integrity on the decoded model: the right hash loads, a wrong one is refused', async () => {
    expect((await fetch(CNN)).headers.get('content-encoding')).to.equal('br');
    const metrics = (await (await fetch('/dist/models/metrics.json')).json()) as Metrics;
    const hex = metrics.files['cnn.onnx'].sha256;
    const pad = await fixture<DigitPad>(
      html`<digit-pad models="cnn=${CNN}" integrity="cnn=${hex}"></digit-pad>`,
    );
    await pad.whenReady();
    const wrong = hex.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const { error } = await firstError(
      html`<digit-pad models="cnn=${CNN}" integrity="cnn=${wrong}"></digit-pad>`,
    );
    expect(error.code).to.equal('model-integrity');
  });

  it('applies max-model-bytes to the decoded size, not the smaller compressed one', async () => {
    const metrics = (await (await fetch('/dist/models/metrics.json')).json()) as Metrics;
    const decoded = metrics.files['cnn.onnx'].bytes;
    const response = await fetch(CNN, { cache: 'no-store' });
    const sent = Number(response.headers.get('content-length'));
    await response.body?.cancel();
    expect(sent).to.be.lessThan(decoded - 1000);
    const cap = sent + 1; // above what crossed the wire, below the model
    const { error } = await firstError(
      html`<digit-pad models="cnn=${CNN}" max-model-bytes="${cap}"></digit-pad>`,
    );
    expect(error.code).to.equal('model-too-large');
  });
});
