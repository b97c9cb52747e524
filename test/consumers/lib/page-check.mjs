// Opens a consumer page in Chromium and checks what a user would see: the pad becomes ready
// with both bundled models and reads a digit drawn with trusted pen input, with no console
// error or warning and no failed request, in the page or its worker.
import { penSchedule, replay } from '../../../bench/lib/input.mjs';

/** A "7": a top bar and a long diagonal in one stroke, in a 100-unit box. */
const SEVEN = [
  [
    ...line([20, 12], [82, 12], 16),
    ...line([82, 12], [64, 48], 10).slice(1),
    ...line([64, 48], [42, 94], 12).slice(1),
  ],
];
const EXPECTED = 7;
const MODELS = ['mlp', 'cnn'];

function line([x0, y0], [x1, y1], steps) {
  return Array.from({ length: steps + 1 }, (_, i) => [
    x0 + ((x1 - x0) * i) / steps,
    y0 + ((y1 - y0) * i) / steps,
  ]);
}

/** Records the pad's `ready` and `error` events from the first script on. */
function recordPadEvents() {
  const seen = { ready: null, errors: [] };
  window.__padEvents = seen;
  // `error` does not bubble; the capture phase still sees it.
  document.addEventListener('ready', (e) => (seen.ready = e.detail), true);
  document.addEventListener(
    'error',
    (e) => {
      if (e.target?.localName === 'digit-pad') seen.errors.push(e.detail);
    },
    true,
  );
}

/** Resolves with the list of problems found; an empty list is a pass. */
export async function checkPage(browser, url, { timeoutMs = 120_000 } = {}) {
  const context = await browser.createBrowserContext();
  const problems = [];
  try {
    const page = await context.newPage();
    watch(page, problems);
    page.on('workercreated', (worker) => watch(worker, problems, 'worker'));
    await page.evaluateOnNewDocument(recordPadEvents);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => window.__padEvents?.ready || window.__padEvents?.errors.length,
      { timeout: timeoutMs },
    );
    const { ready, errors } = await page.evaluate(() => window.__padEvents);
    if (errors.length) problems.push(`pad error: ${JSON.stringify(errors)}`);
    if (!ready) return problems;
    if (JSON.stringify(ready.models) !== JSON.stringify(MODELS))
      problems.push(`ready with models ${JSON.stringify(ready.models)}`);

    const labels = await drawAndRead(page, SEVEN, timeoutMs);
    for (const model of MODELS) {
      if (labels[model] !== EXPECTED) problems.push(`${model} read ${labels[model]}, not 7`);
    }
    return problems;
  } catch (error) {
    problems.push(String(error?.message ?? error));
    return problems;
  } finally {
    await context.close();
  }
}

function watch(target, problems, where = 'page') {
  target.on('console', (message) => {
    if (['error', 'warn', 'warning'].includes(message.type()))
      problems.push(`${where} console ${message.type()}: ${message.text()}`);
  });
  target.on('pageerror', (error) => problems.push(`${where} error: ${error.message}`));
  target.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  target.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

/** Draws `strokes` on the pad's surface as a pen would, and returns each model's label. */
async function drawAndRead(page, strokes, timeoutMs) {
  const rect = await page.evaluate(() => {
    const surface = document.querySelector('digit-pad').shadowRoot.querySelector('[part~=surface]');
    const { left, top, width, height } = surface.getBoundingClientRect();
    return { left, top, width, height };
  });
  const points = strokes.map((stroke) => fit(stroke, rect));
  const cdp = await page.createCDPSession();
  await replay(cdp, penSchedule(points, { hz: Infinity }));
  await page.waitForFunction(
    (count) => document.querySelector('digit-pad').ink.length === count,
    { timeout: timeoutMs },
    strokes.length,
  );
  return page.evaluate(async () => {
    const prediction = await document.querySelector('digit-pad').whenSettled();
    return Object.fromEntries(
      Object.entries(prediction?.results ?? {}).map(([name, r]) => [name, r.label]),
    );
  });
}

/** Maps a stroke in its own units onto the middle 60 % of the surface, keeping its shape. */
function fit(stroke, { left, top, width, height }) {
  const side = Math.min(width, height) * 0.6;
  const x0 = left + (width - side) / 2;
  const y0 = top + (height - side) / 2;
  return stroke.map(([x, y]) => ({ x: x0 + (x / 100) * side, y: y0 + (y / 100) * side }));
}
