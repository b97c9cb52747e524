// Writes docs/dashboard.png: the built dashboard after writing a "3" with trusted mouse input.
// Usage: npm run build && node scripts/screenshot.mjs
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { startDistServer } from './dist-server.mjs';

const { server, url } = await startDistServer(0);
const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 760, deviceScaleFactor: 1 });
  await page.goto(`${url}/demo/`);
  await page.evaluate(() => document.querySelector('digit-pad').whenReady());
  const box = await page.evaluate(() => {
    const r = document
      .querySelector('digit-pad')
      .shadowRoot.querySelector('.surface')
      .getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
  // A handwritten-looking "3": two bowls, drawn as one stroke.
  const path = [
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
  ];
  const at = ([fx, fy]) => [box.x + fx * box.w, box.y + fy * box.h];
  await page.mouse.move(...at(path[0]));
  await page.mouse.down();
  for (let i = 1; i < path.length; i++) await page.mouse.move(...at(path[i]), { steps: 6 });
  await page.mouse.up();
  await page.evaluate(() => document.querySelector('digit-pad').whenSettled());
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await page.screenshot({ path: 'docs/dashboard.png' });
  console.log('wrote docs/dashboard.png');
} finally {
  await browser.close();
  await server.stop();
}
