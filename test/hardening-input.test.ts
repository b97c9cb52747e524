import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import '../src/components/prob-chart/define.js';
import type { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import { packInk } from '../src/ink/ink.js';
import { preprocess } from '../src/workers/preprocess.js';
import { drawStrokes, ONE, pointerOr, replay, type RawStrokes } from './support/draw.js';
import { canvasOf, inkedPixels, nextFrame, readyPad, surfaceOf } from './support/pad.js';
import { watchWorkers } from './support/workers.js';
import { dispatch, ExpectedInk, fuzzEvent } from './support/fuzz-pointer.js';

describe('hardening: input', () => {
  it('#14 thousands of fuzzed pointer streams never throw, keep a consistent stroke count, and end on the last ink', async function () {
    this.timeout(120000);
    const pad = await readyPad();
    const surface = surfaceOf(pad);
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error ?? event.message);
    addEventListener('error', onError);
    let runs = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fuzzEvent, { minLength: 1, maxLength: 40 }), async (events) => {
          pad.clear();
          const expected = new ExpectedInk();
          for (const e of events) expected.apply(e, dispatch(surface, e));
          expect(pad.ink.length, JSON.stringify({ events, ink: pad.ink })).to.equal(expected.total);
          if (++runs % 250 === 0) {
            // Close any open stroke the way a user would, then check the final result.
            for (const id of [1, 2, 3])
              document.body.dispatchEvent(
                new PointerEvent('pointerup', { pointerId: id, bubbles: true }),
              );
            const result = (await pad.whenSettled())!;
            const input = preprocess(packInk(pad.ink));
            expect(result.blank).to.equal(input === null);
            if (input) expect(Array.from(result.input)).to.deep.equal(Array.from(input));
          }
        }),
        { numRuns: 3000, seed: 20261121 },
      );
    } finally {
      removeEventListener('error', onError);
    }
    expect(thrown).to.deep.equal([]);
    expect(runs).to.equal(3000);
  });

  it('#14 a 1 kHz stream of moves is taken whole and predicted without a queue', async () => {
    const workers = watchWorkers();
    try {
      const pad = await readyPad();
      await pad.whenSettled();
      const surface = surfaceOf(pad);
      const rect = surface.getBoundingClientRect();
      const at = (i: number) => ({
        pointerId: 9,
        isPrimary: true,
        bubbles: true,
        composed: true,
        clientX: rect.left + rect.width * (0.5 + 0.3 * Math.sin(i / 50)),
        clientY: rect.top + rect.height * (0.5 + 0.3 * Math.cos(i / 70)),
      });
      surface.dispatchEvent(new PointerEvent('pointerdown', { ...at(0), button: 0, buttons: 1 }));
      for (let i = 1; i <= 1000; i++) {
        surface.dispatchEvent(new PointerEvent('pointermove', { ...at(i), buttons: 1 }));
        if (i % 16 === 0) await nextFrame();
      }
      surface.dispatchEvent(new PointerEvent('pointerup', at(1000)));
      expect(pad.ink[0].length).to.be.above(900);
      const result = (await pad.whenSettled())!;
      expect(Array.from(result.input)).to.deep.equal(Array.from(preprocess(packInk(pad.ink))!));
      // No queue: never more than one snapshot in the worker, and far fewer snapshots than moves.
      const predictions = workers.sent.filter((type) => type === 'predict').length;
      expect(workers.maxInFlight).to.equal(1);
      expect(predictions).to.be.within(1, 500);
    } finally {
      workers.restore();
    }
  });

  it('#14 a trusted stroke released outside the pad still ends, thanks to pointer capture', async () => {
    const pad = await readyPad(html`<digit-pad style="margin: 100px"></digit-pad>`);
    const r = surfaceOf(pad).getBoundingClientRect();
    await replay('mouse', [
      { type: 'down', x: r.left + 30, y: r.top + 30 },
      { type: 'move', x: r.left + 100, y: r.top + 100, pressed: true },
      { type: 'move', x: r.right + 50, y: r.bottom + 50, pressed: true },
      { type: 'up', x: r.right + 50, y: r.bottom + 50 },
    ]);
    await drawStrokes(surfaceOf(pad), ONE);
    expect(pad.ink).to.have.length(2);
  });

  it('#15 a zero-size or hidden pad divides by nothing, keeps its ink and runs no inference until shown', async () => {
    const workers = watchWorkers();
    try {
      const pad = await readyPad(html`<digit-pad style="display: none"></digit-pad>`);
      const sent = () => workers.created.length;
      expect(sent()).to.equal(1);
      let predictions = 0;
      pad.addEventListener('prediction', () => predictions++);
      pad.enterDigit(7);
      // A shown pad would have posted a snapshot on ready, and again within enterDigit.
      expect(workers.sent, 'no inference while hidden').to.not.include('predict');
      expect(predictions).to.equal(0);
      expect(pad.ink.length).to.be.above(0);
      pad.style.display = '';
      pad.style.inlineSize = '0px';
      await waitUntil(() => canvasOf(pad).clientWidth === 0, 'pad at zero width');
      await nextFrame();
      await replay('mouse', [
        { type: 'down', x: 10, y: 10 },
        { type: 'up', x: 20, y: 20 },
      ]);
      pad.style.inlineSize = '';
      const result = (await pad.whenSettled())!;
      expect(result.results.cnn.label).to.equal(7);
      await nextFrame();
      expect(inkedPixels(canvasOf(pad))).to.be.above(100);
    } finally {
      workers.restore();
    }
  });

  it('#15 a live resize mid-stroke keeps mapping points onto the pad', async () => {
    const pad = await readyPad(html`<digit-pad style="inline-size: 300px"></digit-pad>`);
    const surface = surfaceOf(pad);
    let r = surface.getBoundingClientRect();
    const pen = await pointerOr('pen');
    await replay(pen, [
      { type: 'down', x: r.left + r.width / 2, y: r.top + 20 },
      { type: 'move', x: r.left + r.width / 2, y: r.top + 60, pressed: true },
    ]);
    pad.style.inlineSize = '200px';
    await waitUntil(() => surface.getBoundingClientRect().width === 200);
    await nextFrame();
    r = surface.getBoundingClientRect();
    await replay(pen, [
      { type: 'move', x: r.left + r.width / 2, y: r.bottom - 20, pressed: true },
      { type: 'up', x: r.left + r.width / 2, y: r.bottom - 20 },
    ]);
    const last = pad.ink[0].at(-1)!;
    expect(last.x).to.be.closeTo(0, 0.01);
    expect(last.y).to.be.closeTo(0.5 - 20 / 200, 0.01);
  });

  it('#16 invalid attribute values fall back to defaults, warn once and never throw', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const root = await fixture<HTMLDivElement>(
        html`<div>
          <digit-pad
            id="p"
            stroke-width="-3"
            threads="zero"
            timeout="-1"
            max-model-bytes="NaN"
          ></digit-pad>
          <prob-chart for="nothing-here" model="cnn"></prob-chart>
          <prob-chart for="p" model="no-such-model"></prob-chart>
        </div>`,
      );
      const pad = root.querySelector('digit-pad')!;
      await pad.whenReady();
      await drawStrokes(surfaceOf(pad), ONE);
      await drawStrokes(surfaceOf(pad), ONE);
      const result = (await pad.whenSettled())!;
      expect(result.results.cnn.label).to.equal(1);
      expect(inkedPixels(canvasOf(pad)), 'default pen width used').to.be.above(200);
      const joined = warnings.join('\n');
      for (const needle of [
        'stroke-width',
        'threads',
        'timeout',
        'max-model-bytes',
        'nothing-here',
        'no-such-model',
      ]) {
        expect(
          warnings.filter((w) => w.includes(needle)),
          needle,
        ).to.have.length(1, joined);
      }
    } finally {
      console.warn = warn;
    }
  });

  describe('#17 non-digit input says how unsure it is', () => {
    const square: RawStrokes = Array.from({ length: 25 }, (_, i) => [
      [0, i * 4],
      [100, i * 4],
    ]);

    it('flags a single dot and a filled square as not digits, and a real digit as one', async () => {
      const root = await fixture<HTMLDivElement>(
        html`<div>
          <digit-pad id="pad"></digit-pad>
          <prob-chart for="pad" model="cnn"></prob-chart>
        </div>`,
      );
      const pad = root.querySelector('digit-pad')! as DigitPad;
      const chart = root.querySelector('prob-chart')!;
      await pad.whenReady();
      const r = surfaceOf(pad).getBoundingClientRect();
      await replay('mouse', [
        { type: 'down', x: r.left + 100, y: r.top + 100 },
        { type: 'up', x: r.left + 100, y: r.top + 100 },
      ]);
      expect((await pad.whenSettled())!.unusual).to.equal('too-little-ink');
      await chart.updateComplete;
      expect(chart.shadowRoot!.querySelector('figcaption')!.textContent).to.contain('not a digit');
      pad.clear();
      await drawStrokes(surfaceOf(pad), square);
      expect((await pad.whenSettled())!.unusual).to.equal('too-much-ink');
      pad.clear();
      await drawStrokes(surfaceOf(pad), ONE);
      const digit = (await pad.whenSettled())!;
      expect(digit.unusual).to.equal(null);
      await chart.updateComplete;
      expect(chart.shadowRoot!.querySelector('figcaption')!.textContent).to.not.contain(
        'not a digit',
      );
    });
  });
});
