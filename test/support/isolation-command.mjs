// A server-side test command that opens the built dashboard on a cross-origin-isolated origin
// (COOP + COEP on every response), which the test runner's own page cannot be, and reports
// what the pad's runtime did there with the default and with `threads="2"`.
import { serve } from '../../bench/lib/server.mjs';

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Waits for the pad's current models, types a 1 and returns the CNN's label for it. */
function predictOne(page) {
  return page.evaluate(async () => {
    const pad = document.querySelector('digit-pad');
    await pad.whenReady();
    pad.enterDigit(1);
    return (await pad.whenSettled())?.results.cnn?.label ?? null;
  });
}

/**
 * Opens the dashboard on an isolated origin and reports what its runtime did there: two model
 * starts, which on a loaded 2-core machine can outlast the runner's 20 s wait for one command's
 * answer. So `isolated-dashboard` starts this and answers at once, and
 * `isolated-dashboard-result` answers with the report, or `{pending: true}` after a few seconds.
 */
async function report(session) {
  const server = await serve('dist', ISOLATION);
  const page = await session.browser.getPage(session.id).browser().newPage();
  try {
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // Every request the page makes, the browser's own (such as /favicon.ico) included.
    const failed = [];
    page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    // Kept in the page and read at the end: an exposed function's calls arrive
    // asynchronously (over BiDi, after the evaluation that caused them had returned).
    await page.evaluateOnNewDocument(() => {
      window.__readyThreads = [];
      document.addEventListener('ready', (e) => window.__readyThreads.push(e.detail.threads), true);
    });
    await page.goto(`${server.origin}/demo/`);
    const isolated = await page.evaluate(() => crossOriginIsolated);
    // What really runs, seen from outside: onnxruntime starts (threads - 1) helper workers
    // inside the inference worker, which the debugging protocol lists beside it.
    const workers = () => page.workers().map((worker) => worker.url());
    const labels = [await predictOne(page)];
    const workersBefore = workers();
    await page.evaluate(() => document.querySelector('digit-pad').setAttribute('threads', '2'));
    labels.push(await predictOne(page));
    return {
      isolated,
      failed,
      readyThreads: await page.evaluate(() => window.__readyThreads),
      labels,
      errors,
      workersBefore,
      workersAfter: workers(),
    };
  } finally {
    await page.close();
    await server.close();
  }
}

const WAIT_MS = 5000;

export function isolationCommandPlugin() {
  const running = new Map();
  return {
    name: 'digit-pad-isolation-command',
    async executeCommand({ command, session }) {
      if (command === 'isolated-dashboard') {
        // A second page, with its own listeners, is a puppeteer feature (CDP or BiDi); WebKit's
        // classic WebDriver session has one window that the test itself is running in.
        if (session.browser.type !== 'puppeteer') return { unsupported: true };
        const job = report(session).then(
          (value) => ({ value }),
          (error) => ({ error: String(error?.stack ?? error) }),
        );
        running.set(session.id, job);
        return { started: true };
      }
      if (command === 'isolated-dashboard-result') {
        const job = running.get(session.id);
        if (!job) return { error: 'isolated-dashboard was not started' };
        const timeout = new Promise((resolve) => setTimeout(() => resolve(null), WAIT_MS));
        const done = await Promise.race([job, timeout]);
        if (!done) return { pending: true };
        running.delete(session.id);
        if (done.error) return { error: done.error };
        return done.value;
      }
      return undefined;
    },
  };
}
