import { expect } from '@open-wc/testing';
import type { PredictionEvent } from '../src/events/prediction-event.js';
import { packInk } from '../src/ink/ink.js';
import { softmax } from '../src/workers/model-set.js';
import { preprocess } from '../src/workers/preprocess.js';
import type { WorkerRequest } from '../src/workers/protocol.js';
import { drawStrokes, ONE } from './support/draw.js';
import { nextFrame, readyPad, surfaceOf } from './support/pad.js';

/**
 * Counts predict requests sent to any worker; the test counts answers from the pad's events,
 * which arrive before the pad sends its next snapshot.
 */
function spyOnWorkers() {
  const stats = { sent: 0, answered: 0, maxOutstanding: 0 };
  const original = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: WorkerRequest, ...rest: never[]) {
    if (message.type === 'predict') {
      stats.sent++;
      stats.maxOutstanding = Math.max(stats.maxOutstanding, stats.sent - stats.answered);
    }
    return original.call(this, message, ...rest);
  } as typeof Worker.prototype.postMessage;
  return { stats, restore: () => (Worker.prototype.postMessage = original) };
}

function pointer(type: string, x: number, y: number): PointerEvent {
  return new PointerEvent(type, {
    pointerId: 7,
    pointerType: 'pen',
    isPrimary: true,
    button: type === 'pointermove' ? -1 : 0,
    buttons: type === 'pointerup' ? 0 : 1,
    clientX: x,
    clientY: y,
    bubbles: true,
    composed: true,
  });
}

describe('inference worker pipeline', () => {
  it('keeps at most one snapshot in flight under a flood of 1,000 updates, and ends on the final ink', async () => {
    const spy = spyOnWorkers();
    try {
      const pad = await readyPad();
      await pad.whenSettled();
      Object.assign(spy.stats, { sent: 0, answered: 0, maxOutstanding: 0 });
      const surface = surfaceOf(pad);
      const r = surface.getBoundingClientRect();
      const predictions: number[] = [];
      pad.addEventListener('prediction', (e: PredictionEvent) => {
        spy.stats.answered++;
        predictions.push(e.detail.seq);
      });
      surface.dispatchEvent(pointer('pointerdown', r.left + 20, r.top + 20));
      for (let i = 0; i < 1000; i++) {
        const a = i / 60;
        surface.dispatchEvent(
          pointer(
            'pointermove',
            r.left + r.width * (0.5 + 0.35 * Math.sin(a)),
            r.top + r.height * (0.5 + 0.35 * Math.cos(a * 1.3)),
          ),
        );
        if (i % 25 === 24) await nextFrame();
      }
      surface.dispatchEvent(pointer('pointerup', r.left + 30, r.top + 30));
      const final = (await pad.whenSettled())!;

      expect(spy.stats.maxOutstanding).to.equal(1);
      // Latest wins: far fewer snapshots than updates, and no queue built up.
      expect(spy.stats.sent).to.be.below(200);
      expect(spy.stats.sent).to.be.at.least(2);
      expect(predictions.length).to.equal(spy.stats.sent);
      expect(final.seq).to.equal(Math.max(...predictions));
      const expected = preprocess(packInk(pad.ink))!;
      expect(Array.from(final.input)).to.deep.equal(Array.from(expected));
    } finally {
      spy.restore();
    }
  });

  it('runs each snapshot on its own input, and the same input gives the same answer', async () => {
    const pad = await readyPad();
    const read = async (digit: number) => {
      pad.enterDigit(digit);
      return (await pad.whenSettled())!;
    };
    const one = await read(1);
    const zero = await read(0);
    const oneAgain = await read(1);
    for (const model of ['mlp', 'cnn']) {
      expect(one.results[model].label, model).to.equal(1);
      expect(zero.results[model].label, model).to.equal(0);
      expect(oneAgain.results[model].probabilities, model).to.deep.equal(
        one.results[model].probabilities,
      );
    }
  });

  it('never delivers results from the previous model set after the models change', async () => {
    const pad = await readyPad();
    await drawStrokes(surfaceOf(pad), ONE);
    const names: string[][] = [];
    pad.addEventListener('prediction', (e: PredictionEvent) =>
      names.push(Object.keys(e.detail.results)),
    );
    pad.models = 'fast=/models/mlp.onnx';
    await pad.updateComplete;
    await pad.whenReady();
    const result = (await pad.whenSettled())!;
    expect(Object.keys(result.results)).to.deep.equal(['fast']);
    expect(names.every((keys) => keys.join() === 'fast')).to.be.true;
  });
});

describe('softmax', () => {
  it('matches the textbook formula and sums to 1', () => {
    const logits = Float32Array.from([2.5, -1, 0, 7.25, 3, -4.5, 1, 0.5, 6, -2]);
    const exps = Array.from(logits, (v) => Math.exp(v));
    const total = exps.reduce((a, b) => a + b, 0);
    const probabilities = softmax(logits);
    probabilities.forEach((p, i) => expect(p).to.be.closeTo(exps[i] / total, 1e-12));
    expect(probabilities.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-12);
  });

  it('does not overflow on large logits', () => {
    const probabilities = softmax([1000, 999, -1000]);
    expect(probabilities.every(Number.isFinite)).to.be.true;
    expect(probabilities[0]).to.be.closeTo(1 / (1 + Math.exp(-1)), 1e-12);
    expect(probabilities[2]).to.equal(0);
  });
});
