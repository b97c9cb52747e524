// Issue #13: the built files go out precompressed (here through the test server's copy of
// `npm start`'s middleware, scripts/static-headers.mjs), and the checks on models still apply to
// the decoded bytes. Needs `npm run build`.
import { expect, fixture, html } from '@open-wc/testing';
import type { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import { firstError } from './support/errors.js';

const WASM = '/dist/workers/ort-wasm-simd-threaded.wasm';
const CNN = '/dist/models/cnn.onnx';

/** The model as built, decoded: its SHA-256 in hex and its size. */
async function decodedCnn(): Promise<{ hex: string; bytes: number }> {
  const data = await (await fetch(CNN)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return { hex, bytes: data.byteLength };
}

describe('serving dist/ (#13)', () => {
  it('sends the wasm compressed, as application/wasm, cacheable, and it compiles while streaming', async () => {
    const response = await fetch(WASM);
    // Brotli where the browser asks for it (WebKitGTK does not over plain http), else gzip.
    expect(response.headers.get('content-encoding')).to.be.oneOf(['br', 'gzip']);
    expect(response.headers.get('content-type')).to.equal('application/wasm');
    expect(response.headers.get('cache-control')).to.match(/max-age=\d+/);
    const module = await WebAssembly.compileStreaming(response);
    expect(WebAssembly.Module.exports(module).length).to.be.greaterThan(0);
  });

  it('checks integrity on the decoded model: the right hash loads, a wrong one is refused', async () => {
    expect((await fetch(CNN)).headers.get('content-encoding')).to.be.oneOf(['br', 'gzip']);
    const { hex } = await decodedCnn();
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
    const decoded = (await decodedCnn()).bytes;
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
