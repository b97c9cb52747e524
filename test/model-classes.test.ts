import { expect } from '@open-wc/testing';
import { modelClasses, sessionOptions } from '../src/workers/model-classes.js';
import { PadError } from '../src/workers/pad-error.js';

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/** A ModelProto holding only metadata_props (field 14: key 1, value 2), as the exporter writes. */
function withMetadata(props: Record<string, string>): Uint8Array {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const field = (tag: number, body: Uint8Array) => {
    const length: number[] = [];
    for (let n = body.length; ; n >>= 7) {
      length.push(n < 0x80 ? n : (n & 0x7f) | 0x80);
      if (n < 0x80) break;
    }
    return [tag, ...length, ...body];
  };
  const bytes = Object.entries(props).flatMap(([key, value]) =>
    field(0x72, new Uint8Array([...field(0x0a, utf8(key)), ...field(0x12, utf8(value))])),
  );
  return new Uint8Array(bytes);
}

describe('model metadata: what a file declares', () => {
  it('folds the weights of the shipped int8 files at load, and of no fp32 file', async () => {
    for (const name of ['mlp', 'cnn']) {
      const int8 = modelClasses(name, await bytesOf(`/models/${name}.int8.onnx`));
      const fp32 = modelClasses(name, await bytesOf(`/models/${name}.onnx`));
      expect(int8.foldWeights, `${name}.int8.onnx`).to.equal(true);
      expect(fp32.foldWeights, `${name}.onnx`).to.equal(false);
      expect(sessionOptions(int8).extra).to.deep.equal({ session: { disable_quant_qdq: '1' } });
      expect(sessionOptions(fp32)).to.not.have.property('extra');
      expect(int8.classes).to.deep.equal(fp32.classes);
      expect(int8.rejectBelow).to.be.within(0.1, 0.5);
    }
  });

  it('folds only int8 weights with float activations: a statically quantised file keeps its int8 kernels', () => {
    const stored = (quantization: object) =>
      modelClasses('m', withMetadata({ 'digit_pad.quantization': JSON.stringify(quantization) }))
        .foldWeights;
    expect(stored({ activations: 'float32', weights: 'int8' })).to.equal(true);
    expect(stored({ weights: 'int8', activations: 'uint8' })).to.equal(false);
    expect(stored({ weights: 'int4', activations: 'float32' })).to.equal(false);
    expect(modelClasses('m', withMetadata({})).foldWeights).to.equal(false);
  });

  it('refuses quantization metadata that is not JSON: model-incompatible, naming the model', () => {
    let error: unknown;
    try {
      modelClasses('odd', withMetadata({ 'digit_pad.quantization': 'int8 weights' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(PadError);
    expect((error as PadError).code).to.equal('model-incompatible');
    expect((error as PadError).message)
      .to.contain('"odd"')
      .and.contain('int8 weights');
  });
});
