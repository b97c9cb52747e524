// Link profiles, applied with Chromium's own network emulation through the DevTools protocol,
// and a log of every request on the wire, from the page and from the workers it starts.
//
// Chromium throttles each target (the page, each dedicated worker) on its own: a worker's
// requests are only slowed down if the emulation is set on the worker's target too, before it
// runs. So the page's session auto-attaches to its workers, paused at start, and each one gets
// the same conditions and a network log before it is let go. The two budgets are separate: a
// worker downloading while the page also downloads would get the full bandwidth each. On the
// dashboard the page has fetched its scripts by the time it creates the worker, and the bench
// reports each request's start and end so an overlap would show.

/** Named links. Throughput in bits per second, round trip in ms (added once per request). */
export const PROFILES = {
  'phone-9mbps-150ms': { downBps: 9e6, upBps: 2e6, rttMs: 150 },
  'broadband-50mbps-40ms': { downBps: 50e6, upBps: 10e6, rttMs: 40 },
  localhost: null,
};

const conditions = (link) => ({
  offline: false,
  latency: link.rttMs,
  downloadThroughput: link.downBps / 8,
  uploadThroughput: link.upBps / 8,
});

/**
 * Emulates `link` (null: no throttling) on `page` and on every worker it starts, and records
 * each request: `{ target, url, status, encoding, bytes, fromCache, start, end }`, `bytes` being
 * what crossed the wire (headers included, 0 from the cache), `start`/`end` in ms since the
 * first request (the navigation). Returns `{ requests }`, filled in as the page loads.
 */
export async function instrument(page, link) {
  const requests = [];
  let origin = null;
  const watch = async (session, target) => {
    const open = new Map();
    const time = (seconds) => {
      origin ??= seconds;
      return (seconds - origin) * 1000;
    };
    session.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
      if (request.url.startsWith('data:')) return;
      const entry = { target, url: request.url, start: time(timestamp), fromCache: false };
      open.set(requestId, entry);
      requests.push(entry);
    });
    session.on('Network.requestServedFromCache', ({ requestId }) => {
      const entry = open.get(requestId);
      if (entry) entry.fromCache = true;
    });
    session.on('Network.responseReceived', ({ requestId, response }) => {
      const entry = open.get(requestId);
      if (!entry) return;
      entry.status = response.status;
      entry.fromCache ||= Boolean(response.fromDiskCache || response.fromMemoryCache);
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      entry.encoding = headers['content-encoding'] ?? 'identity';
      entry.contentType = headers['content-type'];
      entry.cacheControl = headers['cache-control'];
    });
    session.on('Network.loadingFinished', ({ requestId, encodedDataLength, timestamp }) => {
      const entry = open.get(requestId);
      if (!entry) return;
      entry.end = time(timestamp);
      entry.bytes = entry.fromCache ? 0 : encodedDataLength;
    });
    session.on('Network.loadingFailed', ({ requestId, errorText, timestamp }) => {
      const entry = open.get(requestId);
      if (!entry) return;
      entry.end = time(timestamp);
      entry.error = errorText;
    });
    await session.send('Network.enable');
    if (link && target === 'page')
      await session.send('Network.emulateNetworkConditions', conditions(link));
  };
  const cdp = await page.createCDPSession();
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
    const child = cdp.connection().session(sessionId);
    if (targetInfo.type === 'worker') await watch(child, 'worker');
    if (waitingForDebugger) await child.send('Runtime.runIfWaitingForDebugger');
  });
  await watch(cdp, 'page');
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true,
  });
  return { requests };
}
