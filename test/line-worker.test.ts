import { expect } from '@open-wc/testing';
import { MAX_GLYPHS } from '../src/workers/protocol.js';
import type {
  ErrorMessage,
  ModelSpec,
  PadMode,
  ReadyMessage,
  ResultMessage,
  WorkerRequest,
  WorkerResponse,
} from '../src/workers/protocol.js';
import { digit, line, packed, type XY } from './support/lines.js';

const base = new URL('/', location.href).href;
const CNN: ModelSpec = { name: 'cnn', url: `${base}models/cnn.onnx` };
const K19: ModelSpec = { name: 'k19', url: `${base}test/fixtures/models/classes-19.onnx` };
/** Ten outputs and no class metadata (it only fails once there is ink). */
const BARE: ModelSpec = { name: 'bare', url: `${base}test/fixtures/models/nan-on-ink.onnx` };

/** The real worker, spoken to with the protocol directly: one request, one answer. */
class Channel {
  readonly worker = new Worker(new URL('../src/workers/inference.worker.js', import.meta.url), {
    type: 'module',
  });
  private seq = 0;

  ask(request: WorkerRequest): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      this.worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => resolve(data);
      this.worker.postMessage(request);
    });
  }

  load(models: ModelSpec[]) {
    return this.ask({ type: 'load', generation: 1, models, threads: 1, maxModelBytes: 5e7 });
  }

  predict(strokes: XY[][], mode: PadMode) {
    const ink = packed(strokes, this.seq * 100);
    return this.ask({ type: 'predict', generation: 1, seq: ++this.seq, source: 'ink', mode, ink });
  }
}

const twelve = () => [...digit(1, 0), ...digit(2, 0.8)];

describe('worker: line modes and model classes', function () {
  this.timeout(60000);
  let channel: Channel;
  let ready: ReadyMessage;
  before(async () => {
    channel = new Channel();
    ready = (await channel.load([CNN, K19])) as ReadyMessage;
  });
  after(() => channel.worker.terminate());

  it("names each model's classes in ready, from the file's metadata or the ten digits", () => {
    expect(ready.type).to.equal('ready');
    // The shipped CNN and the fixture both declare the 19 classes in their metadata.
    expect(ready.classes.cnn).to.deep.equal([...'0123456789+-*/=().?']);
    expect(ready.classes.k19).to.deep.equal([...'0123456789+-*/=().?']);
  });

  it('reads a model without class metadata as the ten digits', async () => {
    const bare = new Channel();
    try {
      const answer = (await bare.load([BARE])) as ReadyMessage;
      expect(answer.type).to.equal('ready');
      expect(answer.classes.bare).to.deep.equal([...'0123456789']);
    } finally {
      bare.worker.terminate();
    }
  });

  it('digit mode: one glyph holding every stroke, reading = the label', async () => {
    const result = (await channel.predict(digit(4, 0), 'digit')) as ResultMessage;
    expect(result.glyphs).to.have.length(1);
    expect(result.glyphs[0].strokes).to.deep.equal([0, 1]);
    const { label, probabilities } = result.results.cnn;
    expect(probabilities).to.have.length(10);
    expect(result.reading.cnn).to.deep.equal({ text: String(label), value: label });
    expect(result.glyphs[0].results.cnn.symbol).to.equal(String(label));
    expect(result.results.k19.probabilities).to.have.length(10);
  });

  it('number mode: reads "12" as 12, glyph by glyph, digits only', async () => {
    const result = (await channel.predict(twelve(), 'number')) as ResultMessage;
    expect(result.reading.cnn).to.deep.equal({ text: '12', value: 12 });
    expect(result.glyphs.map((g) => g.strokes)).to.deep.equal([[0], [1]]);
    expect(result.glyphs[1].box.x).to.be.greaterThan(result.glyphs[0].box.x);
    expect(result.glyphs[0].input).to.have.length(784);
    // The top-level results follow the glyph being written: the last one.
    expect(result.results.cnn.label).to.equal(2);
    expect(result.glyphs[0].results.k19.probabilities).to.have.length(10);
    // Its reject rule holds in number mode too (see the expression case for why it fires).
    expect(result.reading.k19).to.deep.equal({ text: '??', value: null, reason: 'unreadable' });
  });

  it('expression mode: all K classes; the reject threshold turns unsure glyphs into "?"', async () => {
    const result = (await channel.predict(twelve(), 'expression')) as ResultMessage;
    expect(result.glyphs[0].results.cnn.probabilities).to.have.length(19);
    const k19 = result.glyphs[0].results.k19;
    expect(k19.probabilities).to.have.length(19);
    // Its logits are 10 × the first 19 pixels, blank at the top-left of an MNIST-style input:
    // uniform over its classes (those the glyph's size allows), far under its 0.5 threshold.
    expect(Math.max(...k19.probabilities)).to.be.below(0.1);
    expect(result.reading.k19).to.deep.equal({ text: '??', value: null, reason: 'unreadable' });
    expect(result.reading.cnn).to.deep.equal({ text: '12', value: 12 });
  });

  it('blank is blank in the line modes', async () => {
    const result = (await channel.predict([], 'expression')) as ResultMessage;
    expect(result.blank).to.equal(true);
    expect(result.glyphs).to.deep.equal([]);
    expect(result.reading.cnn).to.deep.equal({ text: '', value: null });
  });

  it(`answers a line of more than ${MAX_GLYPHS} glyphs with line-too-long`, async () => {
    const strokes = Array.from({ length: MAX_GLYPHS + 1 }, (_, i) =>
      line([i * 1.5, 0], [i * 1.5, 1]),
    );
    const answer = (await channel.predict(strokes, 'number')) as ErrorMessage;
    expect(answer.type).to.equal('error');
    expect(answer.error.code).to.equal('line-too-long');
    expect(answer.seq).to.be.a('number');
  });
});

describe('worker: models whose classes do not fit', function () {
  this.timeout(60000);
  for (const [file, why] of [
    ['classes-mismatch.onnx', 'declares 19 classes but returns 10 logits'],
    ['classes-not-digits.onnx', 'declares classes that do not start with "0".."9"'],
  ]) {
    it(`refuses a model that ${why}: model-incompatible`, async () => {
      const channel = new Channel();
      try {
        const answer = (await channel.load([
          { name: 'odd', url: `${base}test/fixtures/models/${file}` },
        ])) as ErrorMessage;
        expect(answer.type).to.equal('error');
        expect(answer.error.code).to.equal('model-incompatible');
        expect(answer.error.model).to.equal('odd');
      } finally {
        channel.worker.terminate();
      }
    });
  }
});
