import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import { chord, drawStrokes, ONE, pointerOr, ZERO, type RawStrokes } from './support/draw.js';
import { canvasOf, inkBounds, nextFrame, readyPad, surfaceOf } from './support/pad.js';

interface PenLine {
  id: string;
  label: string;
  strokes: [number, number][][];
}

/** A real line from unipen-dev that today's digit models read right: "1995", 5 strokes. */
async function penLine(id = 'lou/lou1/ph_le#21'): Promise<PenLine> {
  const text = await (await fetch('/test/fixtures/unipen/lines-dev.jsonl')).text();
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PenLine)
    .find((line) => line.id === id)!;
}

// Firefox's driver has no pen: a mouse there (test/README.md).
const drawLine = async (pad: DigitPad, strokes: RawStrokes) =>
  drawStrokes(surfaceOf(pad), strokes, {
    pointerType: await pointerOr('pen'),
    line: true,
    margin: 0.1,
  });

const button = (pad: DigitPad, part: string) =>
  pad.shadowRoot!.querySelector<HTMLButtonElement>(`[part="${part}"]`)!;

async function withConsoleWarnings(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('<digit-pad> modes', () => {
  it('defaults to digit mode; an invalid mode warns once and reads as digit; removing it restores digit', async () => {
    const pad = await readyPad();
    expect(pad.mode).to.equal('digit');
    expect(pad.readMode).to.equal('digit');
    const warnings = await withConsoleWarnings(async () => {
      pad.setAttribute('mode', 'roman');
      await pad.updateComplete;
      expect(pad.readMode).to.equal('digit');
      pad.enterDigit(3);
      await pad.whenSettled();
      expect(pad.readMode).to.equal('digit');
    });
    expect(warnings.filter((w) => w.includes('mode="roman"'))).to.have.length(1);
    pad.removeAttribute('mode');
    await pad.updateComplete;
    expect(pad.readMode).to.equal('digit');
    const result = (await pad.whenSettled())!;
    expect(result.glyphs).to.have.length(1);
    expect(result.reading.cnn).to.deep.include({ text: '3', value: 3 });
  });

  it('reads the same ink again when the mode changes: one digit, then a number', async () => {
    const pad = await readyPad();
    const line = await penLine();
    pad.mode = 'number';
    await pad.updateComplete;
    await drawLine(pad, line.strokes);
    const number = (await pad.whenSettled())!;
    expect(number.glyphs.length).to.equal(4);
    expect(number.reading.cnn.text).to.equal('1995');
    expect(number.reading.cnn.value).to.equal(1995);
    expect(pad.shadowRoot!.querySelectorAll('.glyph-box')).to.have.length(4);
    pad.mode = 'digit';
    await pad.updateComplete;
    await waitUntil(() => pad.prediction!.seq > number.seq, 'read again in digit mode');
    const digit = (await pad.whenSettled())!;
    expect(digit.glyphs).to.have.length(1);
    expect(digit.reading.cnn.text).to.match(/^[0-9]$/);
    await nextFrame();
    // Digit mode looks as it always did: no glyph boxes.
    expect(pad.shadowRoot!.querySelectorAll('.glyph-box')).to.have.length(0);
  });

  it("number mode reads a real pen number with both of today's models, and axe passes", async () => {
    const pad = await readyPad(html`<digit-pad mode="number"></digit-pad>`);
    const line = await penLine();
    await drawLine(pad, line.strokes);
    const { reading, glyphs, source } = (await pad.whenSettled())!;
    expect(source).to.equal('ink');
    for (const model of ['mlp', 'cnn']) {
      expect(reading[model], model).to.deep.equal({ text: '1995', value: 1995 });
    }
    // Glyphs come left to right and own every stroke exactly once.
    const owned = glyphs.flatMap((g) => g.strokes).sort((a, b) => a - b);
    expect(owned).to.deep.equal(pad.strokes.map((_, i) => i));
    const xs = glyphs.map((g) => g.box.x);
    expect([...xs].sort((a, b) => a - b)).to.deep.equal(xs);
    await expect(pad).to.be.accessible();
  });

  it('number mode takes typed digits side by side and ignores operators', async () => {
    const pad = await readyPad(html`<digit-pad mode="number"></digit-pad>`);
    surfaceOf(pad).focus();
    await sendKeys({ type: '30+7' });
    const result = (await pad.whenSettled())!;
    expect(result.source).to.equal('keyboard');
    expect(result.reading.cnn.text).to.equal('307');
    expect(result.reading.mlp.text).to.equal('307');
    expect(result.glyphs).to.have.length(3);
  });

  it('expression mode takes "12+7=" from the keyboard as glyphs side by side', async () => {
    const pad = await readyPad(html`<digit-pad mode="expression"></digit-pad>`);
    surfaceOf(pad).focus();
    await sendKeys({ type: '12+7=' });
    // 1, 2 and 7 are one stroke each; + and = two.
    expect(pad.strokes).to.have.length(7);
    const result = (await pad.whenSettled())!;
    expect(result.source).to.equal('keyboard');
    // Each symbol is drawn right of the one before.
    const keystrokes = [[0], [1], [2, 3], [4], [5, 6]].map((indices) =>
      indices.flatMap((i) => pad.strokes[i].points.map((p) => p.x)),
    );
    for (let i = 1; i < keystrokes.length; i++) {
      expect(Math.min(...keystrokes[i]), `symbol ${i}`).to.be.above(Math.max(...keystrokes[i - 1]));
    }
    // Each keystroke is one undo step.
    pad.undo();
    expect(pad.strokes).to.have.length(5);
    await expect(pad).to.be.accessible();
  });

  it('expression mode reads a typed "12+7=" as 19 with models that read operators', async function () {
    const pad = await readyPad(html`<digit-pad mode="expression"></digit-pad>`);
    if (Object.values(pad.loaded!.classes).some((classes) => classes.length <= 10)) {
      // Pending, not passed: today's shipped models read digits only (issue 10 brings operators).
      this.skip();
    }
    pad.enterText('12+7=');
    const { reading, glyphs } = (await pad.whenSettled())!;
    expect(glyphs).to.have.length(5);
    for (const model of Object.keys(reading)) {
      expect(reading[model], model).to.deep.equal({ text: '12+7=', value: 19 });
    }
  });

  it('announces the settled reading and value politely, once the line has held', async () => {
    const pad = await readyPad(html`<digit-pad mode="number"></digit-pad>`);
    const live = pad.shadowRoot!.querySelector('[aria-live="polite"]')!;
    pad.enterText('38');
    const { reading } = (await pad.whenSettled())!;
    expect(live.textContent!.trim()).to.equal('');
    await waitUntil(
      () => live.textContent!.includes('38'),
      `settled reading announced: ${JSON.stringify(reading)}, live: ${live.textContent}`,
      { timeout: 3000 },
    );
    expect(live.textContent).to.match(/Both models read 38, value 38/);
  });
});

describe('<digit-pad> editing a line', () => {
  it('undoes and redoes stroke by stroke with Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, keeping stroke ids and times', async () => {
    const pad = await readyPad(html`<digit-pad mode="number"></digit-pad>`);
    await drawStrokes(surfaceOf(pad), ONE);
    await drawStrokes(surfaceOf(pad), ZERO);
    const before = pad.strokes.map(({ id, start, end }) => ({ id, start, end }));
    expect(new Set(before.map((s) => s.id)).size).to.equal(2);
    expect(before[0].end).to.be.at.least(before[0].start);
    expect(before[1].start).to.be.at.least(before[0].end);
    surfaceOf(pad).focus();
    await chord('Control', 'z');
    expect(pad.strokes).to.have.length(1);
    await chord('Control', 'Shift', 'Z');
    expect(pad.strokes.map(({ id, start, end }) => ({ id, start, end }))).to.deep.equal(before);
    await chord('Control', 'z');
    await chord('Control', 'z');
    expect(pad.strokes).to.have.length(0);
    await chord('Control', 'y');
    await chord('Control', 'y');
    expect(pad.strokes.map((s) => s.id)).to.deep.equal(before.map((s) => s.id));
    // Something new written after an undo ends the redo history, and gets a new id.
    pad.undo();
    pad.enterText('5');
    pad.redo();
    expect(pad.strokes).to.have.length(2);
    expect(before.map((s) => s.id)).to.not.include(pad.strokes[1].id);
    expect((await pad.whenSettled())!.reading.cnn.text).to.equal('15');
  });

  it('keeps where each step came from: undoing a drawn stroke brings back the typed source', async () => {
    const pad = await readyPad(html`<digit-pad mode="number"></digit-pad>`);
    pad.enterText('7');
    expect((await pad.whenSettled())!.source).to.equal('keyboard');
    await drawStrokes(surfaceOf(pad), ONE);
    expect((await pad.whenSettled())!.source).to.equal('ink');
    pad.undo();
    expect((await pad.whenSettled())!.source).to.equal('keyboard');
    pad.redo();
    expect((await pad.whenSettled())!.source).to.equal('ink');
  });

  it('disables Clear when there is nothing to clear, and Undo when there is nothing to undo', async () => {
    const pad = await readyPad();
    const [undo, clear] = [button(pad, 'undo-button'), button(pad, 'clear-button')];
    expect(clear.disabled, 'blank pad').to.be.true;
    expect(undo.disabled, 'blank pad').to.be.true;
    await drawStrokes(surfaceOf(pad), ONE);
    await pad.updateComplete;
    expect(clear.disabled, 'with ink').to.be.false;
    clear.click();
    await pad.updateComplete;
    expect(clear.disabled, 'cleared').to.be.true;
    expect(undo.disabled, 'a clear can be undone').to.be.false;
    undo.click();
    await pad.updateComplete;
    expect(clear.disabled, 'clear undone').to.be.false;
    await expect(pad).to.be.accessible();
  });

  it("draws each glyph's box clear of its ink, however thick the pen: a thin 1 too", async () => {
    const pad = await readyPad(
      html`<digit-pad
        mode="number"
        stroke-width="10"
        style="width: 480px; height: 200px"
      ></digit-pad>`,
    );
    await drawStrokes(surfaceOf(pad), ONE, { pointerType: await pointerOr('pen') });
    expect((await pad.whenSettled())!.glyphs).to.have.length(1);
    await nextFrame();
    // Boxes move and grow with a transition: measure where it ends.
    const element = pad.shadowRoot!.querySelector('.glyph-box')!;
    await Promise.all(element.getAnimations().map((a) => a.finished));
    const box = element.getBoundingClientRect();
    const ink = inkBounds(canvasOf(pad));
    expect(box.left, 'left').to.be.below(ink.left);
    expect(box.right, 'right').to.be.above(ink.right);
    expect(box.top, 'top').to.be.below(ink.top);
    expect(box.bottom, 'bottom').to.be.above(ink.bottom);
  });
});
