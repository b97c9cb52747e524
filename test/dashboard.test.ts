import { expect, waitUntil } from '@open-wc/testing';
import type { ProbChart } from '../src/components/prob-chart/prob-chart.js';
import { drawStrokes, ONE, type RawStrokes } from './support/draw.js';
import { axeViolations, openPage } from './support/frames.js';

interface PenLine {
  id: string;
  label: string;
  strokes: [number, number][][];
}

/** "1995" by a lou writer: a real line that today's digit models read right. */
async function penLine(): Promise<PenLine> {
  const text = await (await fetch('/test/fixtures/unipen/lines-dev.jsonl')).text();
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PenLine)
    .find((line) => line.id === 'lou/lou1/ph_le#21')!;
}

/** Opens the built dashboard (`npm run build`) in a frame of the given viewport size. */
async function openDashboard(mode: string, size: { width: number; height: number }) {
  const page = await openPage(`/dist/demo/index.html?mode=${mode}`, size);
  await page.pad.whenReady();
  await page.pad.whenSettled();
  const win = page.frame.contentWindow!;
  const frames = async (n = 2) => {
    for (let i = 0; i < n; i++) await new Promise((r) => win.requestAnimationFrame(r));
  };
  const draw = async (strokes: RawStrokes, line = true) => {
    await drawStrokes(page.surface, strokes, {
      frameOffset: page.frameOffset,
      line,
      margin: 0.1,
    });
    await page.pad.whenSettled();
    // Charts redraw at the next frame.
    await frames();
  };
  return { ...page, draw, frames };
}

/** Where the parts that show results sit on the page, in CSS px. */
function boxes(doc: Document): Record<string, string> {
  const selectors = [
    'digit-pad',
    '#readings',
    '#verdict',
    '#glyph-pick',
    '.charts',
    'prob-chart[model="mlp"]',
    'prob-chart[model="cnn"]',
    '.details',
    '.latency',
  ];
  return Object.fromEntries(
    selectors.map((selector) => {
      const r = doc.querySelector(selector)!.getBoundingClientRect();
      return [selector, [r.x, r.y, r.width, r.height].map((v) => v.toFixed(1)).join(' ')];
    }),
  );
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe('dashboard', () => {
  for (const [device, size] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
    it(`on a ${device} (${size.width}×${size.height}), a line's results move nothing, and both models' readings are in view beside the pad`, async () => {
      const { doc, pad, draw, frame, frames } = await openDashboard('number', size);
      const empty = boxes(doc);
      const line = await penLine();
      await draw(line.strokes);
      expect(pad.prediction!.reading.cnn.text).to.equal('1995');
      expect(boxes(doc), 'after a result').to.deep.equal(empty);
      // A picked glyph, then an unreadable scribble, then clearing: still nothing moves.
      doc.querySelector<HTMLButtonElement>('#glyphs button[data-glyph="1"]')!.click();
      await frames();
      expect(boxes(doc), 'glyph picked').to.deep.equal(empty);
      pad.clear();
      await pad.whenSettled();
      await frames();
      expect(boxes(doc), 'cleared').to.deep.equal(empty);
      // The pad and both readings fit in the first screen, with no scrolling.
      const readings = doc.querySelector('#readings')!.getBoundingClientRect();
      const surface = pad.shadowRoot!.querySelector('.surface')!.getBoundingClientRect();
      expect(surface.top).to.be.at.least(0);
      expect(readings.bottom).to.be.at.most(size.height);
      // Within the viewport less any classic scrollbar (Firefox and WebKitGTK show one).
      const { scrollWidth, clientWidth } = doc.documentElement;
      expect(scrollWidth, 'no sideways scroll').to.be.at.most(clientWidth);
      // Each mode's empty state is read in full, and choosing a mode moves nothing around it.
      const head = doc.querySelector('.workspace .card-head')!;
      const headHeight = head.getBoundingClientRect().height;
      for (const mode of ['digit', 'expression', 'number']) {
        doc.querySelector<HTMLLabelElement>(`label[for="mode-${mode}"]`)!.click();
        await pad.whenSettled();
        await frames();
        const verdict = doc.querySelector<HTMLElement>('#verdict')!;
        expect(verdict.scrollWidth, `${mode}: ${verdict.textContent}`).to.be.at.most(
          verdict.clientWidth,
        );
        expect(head.getBoundingClientRect().height, mode).to.equal(headHeight);
      }
      frame.remove();
    });
  }

  it('in Digit mode, an unsure or a not-a-digit verdict never wraps or moves the page', async () => {
    const { doc, pad, draw, frame } = await openDashboard('digit', DESKTOP);
    const empty = boxes(doc);
    await draw(ONE, false);
    expect(boxes(doc), 'a digit').to.deep.equal(empty);
    pad.clear();
    // A dot: "This does not look like a digit (too little ink)".
    const r = pad.shadowRoot!.querySelector('.surface')!.getBoundingClientRect();
    await draw([[[r.width / 2, r.height / 2]]], false);
    expect(doc.querySelector('#verdict')!.textContent).to.contain('does not look like a digit');
    expect(boxes(doc), 'not a digit').to.deep.equal(empty);
    frame.remove();
  });

  it("switches modes: a wide pad in the line modes, charts with the mode's classes, and an empty state that says what to do", async () => {
    const { doc, pad, frame, frames } = await openDashboard('digit', DESKTOP);
    const surface = pad.shadowRoot!.querySelector('.surface')!;
    const square = surface.getBoundingClientRect();
    expect(square.width / square.height).to.be.closeTo(1, 0.02);
    expect(doc.querySelector('#verdict')!.textContent).to.match(/^Write a digit/);
    // The architectures it names end in the loaded models' own class counts.
    const note = doc.querySelector('#source')!.textContent!.replace(/\s+/g, ' ');
    const { mlp, cnn } = pad.loaded!.classes;
    expect(note).to.include(`784-512-512-${mlp.length}.`);
    expect(note).to.include(`conv32-conv64-fc128-${cnn.length}.`);
    doc.querySelector<HTMLLabelElement>('label[for="mode-number"]')!.click();
    await pad.whenSettled();
    await frames();
    expect(pad.mode).to.equal('number');
    const wide = surface.getBoundingClientRect();
    expect(wide.width / wide.height).to.be.above(2);
    expect(doc.querySelector('#verdict')!.textContent).to.match(/^Write a number/);
    doc.querySelector<HTMLLabelElement>('label[for="mode-expression"]')!.click();
    await pad.whenSettled();
    await frames();
    expect(pad.mode).to.equal('expression');
    const chart = doc.querySelector('prob-chart') as ProbChart;
    const classes = pad.loaded!.classes.mlp.length;
    await waitUntil(
      () => chart.shadowRoot!.querySelectorAll('[role="meter"]').length === classes,
      `${classes} bars`,
    );
    frame.remove();
  });

  it('lets a glyph be picked by click and by keyboard to see its bars, and axe passes in every state', async () => {
    const { doc, pad, draw, frame, frames } = await openDashboard('number', DESKTOP);
    expect(await axeViolations(doc), 'line mode, empty').to.deep.equal([]);
    await draw((await penLine()).strokes);
    const result = pad.prediction!;
    expect(await axeViolations(doc), 'line mode, with a result').to.deep.equal([]);
    const charts = [...doc.querySelectorAll('prob-chart')] as ProbChart[];
    const buttons = [...doc.querySelectorAll<HTMLButtonElement>('#glyphs button')];
    expect(buttons.map((b) => b.textContent)).to.deep.equal(['1', '9', '9', '5']);
    buttons[0].click();
    await frames();
    expect(buttons[0].getAttribute('aria-pressed')).to.equal('true');
    expect(charts[1].probabilities).to.equal(result.glyphs[0].results.cnn.probabilities);
    expect(doc.querySelector('#chart-subject')!.textContent).to.equal('of glyph 1 of 4');
    const emphasised = pad.shadowRoot!.querySelectorAll('.glyph-box.emphasised');
    expect(emphasised).to.have.length(1);
    expect(await axeViolations(doc), 'glyph picked').to.deep.equal([]);
    // Keyboard: focus the last glyph's button and press Enter.
    buttons[3].focus();
    const { sendKeys } = await import('@web/test-runner-commands');
    await sendKeys({ press: 'Enter' });
    await frames();
    expect(charts[0].probabilities).to.equal(result.glyphs[3].results.mlp.probabilities);
    doc.querySelector<HTMLButtonElement>('#follow')!.click();
    await frames();
    expect(charts[0].glyph).to.equal(null);
    pad.mode = 'expression';
    pad.clear();
    pad.enterText('12+7=');
    await pad.whenSettled();
    await frames();
    expect(await axeViolations(doc), 'arithmetic, typed').to.deep.equal([]);
    frame.remove();
  });

  it('shows the end of a reading too long for its cell, and all of it on hover, on a phone', async () => {
    const { doc, pad, frame } = await openDashboard('number', PHONE);
    pad.enterText('3141592653589793');
    const result = (await pad.whenSettled())!;
    for (const model of ['mlp', 'cnn']) {
      const line = doc.querySelector<HTMLElement>(`#readings [data-model="${model}"] .line`)!;
      expect(line.title).to.equal(result.reading[model].text);
      const cell = line.getBoundingClientRect();
      const range = doc.createRange();
      range.selectNodeContents(line);
      const text = range.getBoundingClientRect();
      expect(text.width, 'too long for its cell').to.be.above(cell.width);
      // Cut at the start: the last symbol, just written, is what shows.
      expect(text.right).to.be.closeTo(cell.right, 1);
    }
    frame.remove();
  });

  it('says when a line is over the glyph cap, and keeps its ink', async () => {
    const { doc, pad, frame } = await openDashboard('number', DESKTOP);
    const failed = new Promise((resolve) => pad.addEventListener('error', resolve, { once: true }));
    pad.enterText('1'.repeat(70));
    await failed;
    expect(pad.strokes).to.have.length(70);
    expect(doc.querySelector('#verdict')!.textContent).to.equal(
      'Too many glyphs for one line: undo a few',
    );
    frame.remove();
  });
});
