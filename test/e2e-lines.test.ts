import { expect } from '@open-wc/testing';
import type { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import { drawStrokes, pointerOr, type RawStrokes } from './support/draw.js';
import { openPage } from './support/frames.js';

interface PenLine {
  id: string;
  label: string;
  strokes: [number, number][][];
}

async function readLines(path: string): Promise<PenLine[]> {
  const text = await (await fetch(path)).text();
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** Opens the built dashboard (`npm run build`) in a mode, the way a visitor would, in a frame. */
async function openDashboard(mode: 'number' | 'expression') {
  const page = await openPage(`/dist/demo/index.html?mode=${mode}`);
  await page.pad.whenReady();
  // Firefox's driver has no pen: a mouse there (test/README.md).
  const pointerType = await pointerOr('pen');
  const draw = (strokes: RawStrokes) =>
    drawStrokes(page.surface, strokes, {
      frameOffset: page.frameOffset,
      pointerType,
      line: true,
      margin: 0.1,
    });
  return { ...page, draw };
}

/** Writes each line through the real pad with trusted pen input; returns each model's exact rate. */
async function exactRates(
  pad: DigitPad,
  draw: (s: RawStrokes) => Promise<unknown>,
  lines: PenLine[],
) {
  const exact: Record<string, number> = {};
  const misses: string[] = [];
  for (const line of lines) {
    pad.clear();
    await draw(line.strokes);
    const { reading } = (await pad.whenSettled())!;
    for (const [model, r] of Object.entries(reading)) {
      if (r.text === line.label) exact[model] = (exact[model] ?? 0) + 1;
      else misses.push(`${model} ${line.id}: ${line.label} → ${r.text}`);
    }
  }
  const rates = Object.fromEntries(
    Object.entries(exact).map(([model, n]) => [model, n / lines.length]),
  );
  return { rates, misses };
}

/**
 * Whole lines exactly right, per model, that each test requires: guards of what the product does
 * now, set under what was measured, not the goals (bench:lines holds those: 95 % of
 * numbers and 85 % of sums for the CNN, both missed today). The real lines are all 65 of
 * unipen-dev's (28 writers at 5 sites, written in one go as running text, 2 to 20 digits); the
 * sums are 28 composed from held-out writers' glyphs. Measured on 2026-12-01 with the 19-class
 * models, exact lines MLP / CNN:
 * - Chromium, pen: numbers 70.8 % / 72.3 % (72.3 / 72.3 in another run), sums 60.7 % / 50.0 %
 *   (57.1 / 53.6 in another run); numbers 73.8 % / 75.4 %, sums 60.7 % / 50.0 % once groups
 *   paid for each stroke's attachment and number mode's fit kept the other classes' share;
 * - Firefox, mouse (its driver has no pen, and mouse events are sampled differently): numbers
 *   66.2 % / 72.3 %, sums 60.7 % / 53.6 %;
 * - Chromium, pen, with glyphs of four strokes, joined digits cut and the other segmentation
 *   changes of the third session: numbers 76.9 % / 73.8 %, sums 64.3 % / 60.7 %.
 * - 2026-12-02, the tenth session's line height and dot size: numbers 76.9 % / 73.8 % in
 *   Chromium, 69.2 % / 67.7 % in Firefox and WebKitGTK; sums 71.4 % / 71.4 % in Chromium,
 *   71.4 % / 57.1 % in Firefox, 67.9 % / 67.9 % in WebKitGTK.
 * One line is 1.5 points of the numbers and 3.6 of the sums, hence the margin.
 */
const REQUIRED_NUMBERS = { mlp: 0.6, cnn: 0.6 };
const REQUIRED_EXPRESSIONS = { mlp: 0.5, cnn: 0.5 };

describe('dashboard lines, end to end', () => {
  it(`reads real pen numbers in Number mode: exact lines MLP ≥ ${REQUIRED_NUMBERS.mlp * 100}%, CNN ≥ ${REQUIRED_NUMBERS.cnn * 100}%`, async function () {
    this.timeout(15 * 60 * 1000);
    const { pad, draw, frame, doc } = await openDashboard('number');
    const lines = await readLines('/test/fixtures/unipen/lines-dev.jsonl');
    const { rates, misses } = await exactRates(pad, draw, lines);
    console.log(`Real pen numbers (${lines.length}), exact: ${JSON.stringify(rates)}`);
    // The dashboard shows each model's reading of the last line.
    const last = pad.prediction!.reading;
    for (const model of ['mlp', 'cnn']) {
      const row = doc.querySelector(`#readings tr[data-model="${model}"] .line`)!;
      expect(row.textContent).to.equal(last[model].text);
    }
    frame.remove();
    expect(rates.mlp, misses.join('\n')).to.be.at.least(REQUIRED_NUMBERS.mlp);
    expect(rates.cnn, misses.join('\n')).to.be.at.least(REQUIRED_NUMBERS.cnn);
  });

  it(`reads pen sums in Arithmetic mode with the operator models: exact lines MLP ≥ ${REQUIRED_EXPRESSIONS.mlp * 100}%, CNN ≥ ${REQUIRED_EXPRESSIONS.cnn * 100}%`, async function () {
    this.timeout(15 * 60 * 1000);
    const { pad, draw, frame } = await openDashboard('expression');
    const classes = pad.loaded!.classes;
    if (Object.values(classes).some((c) => c.length <= 10)) {
      // Reported as pending, not passed: the shipped models read digits only until issue 10's land.
      frame.remove();
      this.skip();
    }
    const lines = await readLines('/test/fixtures/unipen/expressions-holdout.jsonl');
    const { rates, misses } = await exactRates(pad, draw, lines);
    console.log(`Composed pen sums (${lines.length}), exact: ${JSON.stringify(rates)}`);
    frame.remove();
    expect(rates.mlp, misses.join('\n')).to.be.at.least(REQUIRED_EXPRESSIONS.mlp);
    expect(rates.cnn, misses.join('\n')).to.be.at.least(REQUIRED_EXPRESSIONS.cnn);
  });
});
