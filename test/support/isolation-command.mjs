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

export function isolationCommandPlugin() {
  return {
    name: 'digit-pad-isolation-command',
    async executeCommand({ command, session }) {
      if (command !== 'isolated-dashboard') return undefined;
      // A second page, with its own listeners, is a puppeteer feature (CDP or BiDi); WebKit's
      // classic WebDriver session has one window that the test itself is running in.
      if (session.browser.type !== 'puppeteer') return { unsupported: true };
      const server = await serve('dist', ISOLATION);
      const page = await session.browser.getPage(session.id).browser().newPage();
      try {
        const errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        // Kept in the page and read at the end: an exposed function's calls arrive
        // asynchronously (over BiDi, after the evaluation that caused them had returned).
        await page.evaluateOnNewDocument(() => {
          window.__readyThreads = [];
          document.addEventListener(
            'ready',
            (e) => window.__readyThreads.push(e.detail.threads),
            true,
          );
        });
        await page.goto(`${server.origin}/demo/`);
        const isolated = await page.evaluate(() => crossOriginIsolated);
        const labels = [await predictOne(page)];
        await page.evaluate(() => document.querySelector('digit-pad').setAttribute('threads', '2'));
        labels.push(await predictOne(page));
        const readyThreads = await page.evaluate(() => window.__readyThreads);
        return { isolated, readyThreads, labels, errors };
      } finally {
        await page.close();
        await server.close();
      }
    },
  };
}
