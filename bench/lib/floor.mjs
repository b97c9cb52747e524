import { summary } from './stats.mjs';

/**
 * Baseline 2: bare session.run in a worker, on real inputs captured from the pad. Back to back
 * (the floor), and paced like the replay: the worker idles one pen report interval before each
 * iteration, as the pad's worker does between snapshots while a digit is written. On this VM a
 * thread that idles even a few milliseconds comes back to cold caches, and that alone costs
 * ONNX Runtime about as much as the whole model run.
 */
export async function runtimeFloor(browser, url, models, inputs, counts) {
  const { warmup, iterations, idleIterations, hz } = counts;
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__floor);
  const run = async (n, gapMs) => {
    const result = await page.evaluate(
      (m, i, w, count, gap) => window.__floor(m, i, w, count, gap),
      models,
      inputs,
      warmup,
      n,
      gapMs,
    );
    return {
      iterations: n,
      gapMs,
      models: Object.fromEntries(Object.entries(result.ms).map(([k, v]) => [k, summary(v)])),
      all: summary(result.all),
    };
  };
  const backToBack = await run(iterations, 0);
  const paced = await run(idleIterations, 1000 / hz);
  const postMessage = await page.evaluate((n) => window.__postCost(n, 16), idleIterations);
  await page.close();
  return { ...backToBack, paced, postMessage };
}
