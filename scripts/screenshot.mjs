// Writes the README's screenshots of the built dashboard, written with trusted mouse input:
//   docs/dashboard.png         1280×800, Digit mode, a handwritten "3"
//   docs/dashboard-line.png    1280×800, Number mode, a real pen line from UNIPEN
//   docs/dashboard-phone.png   390×844, Number mode, the same line
//   docs/dashboard-sum.png     1280×800, Arithmetic mode, "12+7=" typed on the focused pad
//                              (only with models that read operators)
// Usage: npm run build && node scripts/screenshot.mjs [--out DIR] [--only NAME]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { startDistServer } from './dist-server.mjs';

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'docs' }, only: { type: 'string' } },
});

/** A handwritten-looking "3": two bowls, drawn as one stroke, in a unit box. */
const THREE = [
  [
    [0.3, 0.25],
    [0.4, 0.18],
    [0.55, 0.17],
    [0.66, 0.23],
    [0.67, 0.33],
    [0.6, 0.42],
    [0.48, 0.47],
    [0.6, 0.5],
    [0.7, 0.58],
    [0.72, 0.7],
    [0.64, 0.8],
    [0.5, 0.84],
    [0.36, 0.81],
    [0.28, 0.74],
  ],
];
/** A real line as its writer wrote it (CC BY 4.0, see test/fixtures/unipen/README.md). */
const LINE_ID = 'lou/lou1/ph_le#21';
const line = readFileSync('test/fixtures/unipen/lines-dev.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((text) => JSON.parse(text))
  .find((sample) => sample.id === LINE_ID).strokes;

const shots = [
  { name: 'dashboard', width: 1280, height: 800, mode: 'digit', strokes: THREE, unit: true },
  { name: 'dashboard-line', width: 1280, height: 800, mode: 'number', strokes: line },
  { name: 'dashboard-phone', width: 390, height: 844, mode: 'number', strokes: line },
  { name: 'dashboard-sum', width: 1280, height: 800, mode: 'expression', typed: '12+7=' },
].filter((shot) => !args.only || shot.name === args.only);

const { server, url } = await startDistServer(0);
const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
try {
  for (const shot of shots) {
    const page = await browser.newPage();
    await page.setViewport({ width: shot.width, height: shot.height, deviceScaleFactor: 1 });
    await page.goto(`${url}/demo/?mode=${shot.mode}`);
    await page.evaluate(() => document.querySelector('digit-pad').whenReady());
    const operators = await page.evaluate(() =>
      Object.values(document.querySelector('digit-pad').loaded.classes).every((c) => c.length > 10),
    );
    if (shot.mode === 'expression' && !operators) {
      console.log(`skipped ${shot.name}: the models read digits only`);
      await page.close();
      continue;
    }
    if (shot.strokes) await draw(page, shot.strokes, shot.unit);
    if (shot.typed) {
      await page.focus('digit-pad');
      await page.evaluate(() =>
        document.querySelector('digit-pad').shadowRoot.querySelector('.surface').focus(),
      );
      await page.keyboard.type(shot.typed);
    }
    await page.evaluate(() => document.querySelector('digit-pad').whenSettled());
    // The charts' and the pad's announcements settle after 0.7 s.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const path = `${args.out}/${shot.name}.png`;
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

/** Draws strokes (a unit box, or raw pen units fitted into the pad) with the mouse. */
async function draw(page, strokes, unit = false) {
  const box = await page.evaluate(() => {
    const r = document
      .querySelector('digit-pad')
      .shadowRoot.querySelector('.surface')
      .getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
  const points = strokes.flat();
  const [minX, minY] = unit ? [0, 0] : [0, 1].map((k) => Math.min(...points.map((p) => p[k])));
  const [maxX, maxY] = unit ? [1, 1] : [0, 1].map((k) => Math.max(...points.map((p) => p[k])));
  // Fit inside 80% of the surface, keeping the aspect ratio.
  const scale = Math.min((box.w * 0.8) / (maxX - minX), (box.h * 0.8) / (maxY - minY));
  const left = box.x + (box.w - (maxX - minX) * scale) / 2;
  const top = box.y + (box.h - (maxY - minY) * scale) / 2;
  const at = ([x, y]) => [left + (x - minX) * scale, top + (y - minY) * scale];
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(...at(point), { steps: 2 });
    await page.mouse.up();
  }
}
