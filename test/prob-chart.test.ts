import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/components/prob-chart/define.js';
import type { ProbChart } from '../src/components/prob-chart/prob-chart.js';
import type { PredictionDetail } from '../src/events/prediction-event.js';
import { drawStrokes, ONE } from './support/draw.js';
import { surfaceOf } from './support/pad.js';

const PEAKED = [0.01, 0.02, 0.01, 0.85, 0.01, 0.02, 0.03, 0.02, 0.02, 0.01];
const FLAT = Array.from({ length: 10 }, () => 0.1);

function meters(chart: ProbChart): HTMLElement[] {
  return [...chart.shadowRoot!.querySelectorAll<HTMLElement>('[role="meter"]')];
}

describe('<prob-chart>', () => {
  it('renders ten labelled meters and highlights the top-1 when fed directly', async () => {
    const chart = await fixture<ProbChart>(
      html`<prob-chart label="CNN" .probabilities=${PEAKED}></prob-chart>`,
    );
    const rows = meters(chart);
    expect(rows).to.have.length(10);
    expect(rows[3].getAttribute('aria-valuetext')).to.equal('85.0%');
    expect(rows[3].getAttribute('aria-label')).to.equal('Digit 3');
    expect(rows[3].getAttribute('part')).to.contain('top');
    expect(rows.filter((r) => r.classList.contains('top1'))).to.have.length(1);
    expect(chart.shadowRoot!.querySelector('figcaption')!.textContent).to.contain('3');
    await expect(chart).to.be.accessible();
  });

  it('says when the model is unsure instead of naming a confident digit', async () => {
    const chart = await fixture<ProbChart>(
      html`<prob-chart label="MLP" .probabilities=${FLAT}></prob-chart>`,
    );
    expect(chart.shadowRoot!.querySelector('figcaption')!.textContent).to.contain('unsure');
  });

  it('announces only the settled top-1 in a polite live region', async () => {
    const chart = await fixture<ProbChart>(html`<prob-chart label="CNN"></prob-chart>`);
    const live = chart.shadowRoot!.querySelector('[aria-live="polite"]')!;
    for (let i = 0; i < 5; i++) {
      chart.probabilities = PEAKED.map((_, d) => (d === i ? 0.9 : 0.1 / 9));
      await chart.updateComplete;
      expect(live.textContent!.trim()).to.equal('');
    }
    await waitUntil(() => live.textContent!.includes('CNN: 4'), 'settled top-1 announced', {
      timeout: 3000,
    });
  });

  it('follows a pad by id and shows the named model, with no script', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div>
        <digit-pad id="pad"></digit-pad>
        <prob-chart for="pad" model="mlp" label="MLP"></prob-chart>
        <prob-chart for="pad" model="cnn" label="CNN"></prob-chart>
      </div>`,
    );
    const pad = root.querySelector('digit-pad')!;
    const [mlp, cnn] = root.querySelectorAll('prob-chart');
    await pad.whenReady();
    await drawStrokes(surfaceOf(pad), ONE);
    const result = (await pad.whenSettled())!;
    await mlp.updateComplete;
    expect(mlp.probabilities).to.deep.equal(result.results.mlp.probabilities);
    expect(cnn.probabilities).to.deep.equal(result.results.cnn.probabilities);
    await expect(root).to.be.accessible();
  });

  it('ignores pads it does not follow and clears on a blank pad', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div>
        <digit-pad id="a"></digit-pad>
        <digit-pad id="b"></digit-pad>
        <prob-chart for="b" model="cnn"></prob-chart>
      </div>`,
    );
    const chart = root.querySelector('prob-chart')!;
    const [a, b] = root.querySelectorAll('digit-pad');
    await Promise.all([a.whenReady(), b.whenReady()]);
    await drawStrokes(surfaceOf(a), ONE);
    await a.whenSettled();
    expect(chart.probabilities, 'a pad it does not follow').to.equal(null);
    await drawStrokes(surfaceOf(b), ONE);
    await b.whenSettled();
    expect(chart.probabilities, 'the pad it follows').to.have.length(10);
    b.clear();
    expect((await b.whenSettled())!.blank).to.be.true;
    expect(chart.probabilities, 'after clearing').to.equal(null);
  });

  it('rejects malformed probabilities instead of drawing NaN', async () => {
    const chart = await fixture<ProbChart>(html`<prob-chart></prob-chart>`);
    chart.probabilities = [NaN, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    await chart.updateComplete;
    expect(chart.probabilities).to.equal(null);
    expect(meters(chart).every((m) => m.getAttribute('aria-valuetext') === '0.0%')).to.be.true;
  });
});

describe("<prob-chart> over a model's classes", () => {
  const CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].concat([
    '+',
    '-',
    '*',
    '/',
    '=',
    '(',
    ')',
    '.',
    '?',
  ]);

  it('shows one labelled bar per class, K of them, and names a symbol as the top-1', async () => {
    const probabilities = CLASSES.map((c) => (c === '+' ? 0.82 : 0.01));
    const chart = await fixture<ProbChart>(
      html`<prob-chart
        label="CNN"
        .classes=${CLASSES}
        .probabilities=${probabilities}
      ></prob-chart>`,
    );
    const rows = [...chart.shadowRoot!.querySelectorAll('[role="meter"]')];
    expect(rows).to.have.length(19);
    expect(rows.map((r) => r.querySelector('.digit')!.textContent)).to.deep.equal(CLASSES);
    expect(rows[10].getAttribute('aria-label')).to.equal('Symbol plus');
    expect(rows[3].getAttribute('aria-label')).to.equal('Digit 3');
    expect(chart.shadowRoot!.querySelector('.top')!.textContent).to.equal('+');
    await expect(chart).to.be.accessible();
  });

  it('keeps its heading on one line whatever it says, so nothing below moves', async () => {
    const chart = await fixture<ProbChart>(
      html`<prob-chart label="CNN (conv32-conv64-fc128)" style="inline-size: 220px"></prob-chart>`,
    );
    const caption = chart.shadowRoot!.querySelector('figcaption')!;
    const heights: number[] = [];
    for (const probabilities of [
      null,
      [0.01, 0.02, 0.01, 0.85, 0.01, 0.02, 0.03, 0.02, 0.02, 0.01],
      Array.from({ length: 10 }, (_, i) => (i === 4 ? 0.2 : 0.8 / 9)),
    ]) {
      chart.probabilities = probabilities;
      await chart.updateComplete;
      heights.push(caption.getBoundingClientRect().height);
      heights.push(chart.getBoundingClientRect().height);
    }
    expect(caption.textContent).to.contain('unsure (4?)');
    expect(new Set(heights.filter((_, i) => i % 2 === 0)).size).to.equal(1);
    expect(new Set(heights.filter((_, i) => i % 2 === 1)).size).to.equal(1);
  });

  it('follows the glyph being written, and can be pointed at a picked glyph', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div>
        <digit-pad id="pad" mode="number"></digit-pad>
        <prob-chart for="pad" model="cnn"></prob-chart>
      </div>`,
    );
    const pad = root.querySelector('digit-pad')!;
    const chart = root.querySelector('prob-chart')!;
    await pad.whenReady();
    pad.enterText('30');
    const result: PredictionDetail = (await pad.whenSettled())!;
    expect(result.glyphs).to.have.length(2);
    await waitUntil(() => chart.probabilities === result.results.cnn.probabilities);
    await chart.updateComplete;
    // The glyph being written is the "0".
    expect(chart.shadowRoot!.querySelector('.top')!.textContent).to.equal('0');
    chart.glyph = 0;
    await waitUntil(() => chart.probabilities === result.glyphs[0].results.cnn.probabilities);
    await chart.updateComplete;
    expect(chart.shadowRoot!.querySelector('.top')!.textContent).to.equal('3');
    pad.selectedGlyph = 0;
    await pad.updateComplete;
    const boxes = [...pad.shadowRoot!.querySelectorAll('.glyph-box')];
    expect(boxes.map((b) => b.classList.contains('emphasised'))).to.deep.equal([true, false]);
    await expect(root).to.be.accessible();
  });
});
