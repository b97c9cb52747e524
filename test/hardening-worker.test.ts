import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DigitPad } from '../src/components/digit-pad/digit-pad.js';
import type { PadErrorEvent } from '../src/events/pad-error-event.js';
import { drawStrokes, ONE, ZERO } from './support/draw.js';
import { manualClock } from './support/clock.js';
import { recordErrors } from './support/errors.js';
import { openPage } from './support/frames.js';
import { readyPad, surfaceOf } from './support/pad.js';
import { watchWorkers } from './support/workers.js';

describe('hardening: worker and runtime', () => {
  let workers: ReturnType<typeof watchWorkers>;
  beforeEach(() => {
    workers = watchWorkers();
  });
  afterEach(() => {
    workers.restore();
    DigitPad.workerUrl = null;
  });

  it('#9 a missing worker script ends in an error state with a hint, after bounded retries, without hanging', async () => {
    // Restarts wait 0 s, then 1 s, then 4 s: the clock is stepped, not waited for.
    const clock = manualClock();
    try {
      DigitPad.workerUrl = new URL('/missing/inference.worker.js', location.href);
      const pad = await fixture<DigitPad>(html`<digit-pad></digit-pad>`);
      const errors = recordErrors(pad);
      const ready = pad.whenReady().then(
        () => 'ready',
        () => 'rejected',
      );
      const errorCount = async (count: number) => {
        while (errors.length < count) await oneEvent(pad, 'error');
      };
      for (const [death, delay] of [0, 1000, 4000].entries()) {
        await errorCount(death + 1);
        const count = workers.created.length;
        clock.tick(delay);
        expect(workers.created.length, `restart ${death + 1}`).to.equal(count + 1);
      }
      await errorCount(4);
      expect(await ready).to.equal('rejected');
      expect(errors.every((e) => e.detail.code === 'worker')).to.be.true;
      expect(errors[0].detail.message).to.contain('worker-src');
      expect(errors.at(-1)!.detail.message)
        .to.contain('(worker-src). It failed 4 times in a row')
        .and.not.contain('..');
      expect(errors).to.have.length(4);
      const count = workers.created.length;
      await drawStrokes(surfaceOf(pad), ONE);
      clock.tick(60_000);
      expect(workers.created.length, 'no restart after giving up').to.equal(count);
      expect(pad.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('giving up');
    } finally {
      clock.restore();
    }
  });

  it('#9 a worker blocked by the page CSP gives a worker error with a hint', async function () {
    this.timeout(20000);
    const { pad, frame } = await openPage('/test/fixtures/pages/no-workers.html');
    const first = (await oneEvent(pad, 'error')) as PadErrorEvent;
    expect(first.detail.code).to.equal('worker');
    expect(first.detail.message).to.contain('Content-Security-Policy');
    frame.remove();
  });

  it('#10 a worker killed mid-run fails the pending request, restarts once by itself, and the next stroke works', async () => {
    const pad = await readyPad();
    const errors = recordErrors(pad);
    const before = workers.created.length;
    await drawStrokes(surfaceOf(pad), ONE);
    workers.kill();
    await waitUntil(() => errors.length === 1);
    expect(errors[0].detail.code).to.equal('worker');
    await pad.whenReady();
    expect(workers.created.length).to.equal(before + 1);
    pad.clear();
    await drawStrokes(surfaceOf(pad), ZERO);
    expect((await pad.whenSettled())!.results.cnn.label).to.equal(0);
    expect(workers.live).to.equal(1);
  });

  it('#10 repeated deaths back off and end in a permanent error state', async () => {
    const pad = await readyPad();
    const errors = recordErrors(pad);
    const clock = manualClock();
    try {
      // 0 s, then 1 s, then 4 s: each restart waits longer than the one before.
      for (const [death, delay] of [0, 1000, 4000].entries()) {
        const count = workers.created.length;
        workers.kill();
        expect(errors).to.have.length(death + 1);
        clock.tick(Math.max(0, delay - 1));
        if (delay > 0) expect(workers.created.length, `early restart ${death + 1}`).to.equal(count);
        clock.tick(delay > 0 ? 1 : 0);
        expect(workers.created.length, `restart ${death + 1}`).to.equal(count + 1);
      }
      workers.kill();
      expect(errors.at(-1)!.detail.message).to.contain('giving up');
      clock.tick(60_000);
      expect(workers.live).to.equal(0);
    } finally {
      clock.restore();
    }
  });

  it('#11 an inference that never returns times out, and the worker is restarted', async () => {
    const pad = await readyPad(html`<digit-pad timeout="400"></digit-pad>`);
    const errors = recordErrors(pad);
    workers.hang();
    await drawStrokes(surfaceOf(pad), ONE);
    await waitUntil(() => errors.length === 1, 'timeout error', { timeout: 3000 });
    expect(errors[0].detail.code).to.equal('worker');
    expect(errors[0].detail.message).to.contain('400 ms');
    workers.hang(false);
    await pad.whenReady();
    expect((await pad.whenSettled())!.results.cnn.label).to.equal(1);
  });

  it('#12 works on a page with a strict CSP (the shipped dist/demo/strict-csp.html)', async () => {
    const { pad, surface, frameOffset, frame, doc } = await openPage('/dist/demo/strict-csp.html');
    const violations: string[] = [];
    doc.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    await pad.whenReady();
    await drawStrokes(surface, ONE, { frameOffset });
    expect((await pad.whenSettled())!.results.cnn.label).to.equal(1);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('#13 on a cross-origin-isolated page it runs on one thread unless threads asks for more', async function () {
    this.timeout(120000);
    // The runner's page cannot be isolated, so a server command opens the built dashboard on an
    // origin that sends COOP and COEP (test/support/isolation-command.mjs). It answers at once;
    // the report is asked for until it is ready.
    const started = (await executeServerCommand('isolated-dashboard')) as { unsupported?: true };
    // Chromium and Firefox only (test/README.md).
    if (started.unsupported) this.skip();
    type Report = {
      pending?: true;
      error?: string;
      isolated: boolean;
      failed: string[];
      readyThreads: number[];
      labels: number[];
      errors: string[];
      workersBefore: string[];
      workersAfter: string[];
    };
    let report = (await executeServerCommand('isolated-dashboard-result')) as Report;
    while (report.pending) {
      report = (await executeServerCommand('isolated-dashboard-result')) as Report;
    }
    if (report.error) throw new Error(report.error);
    expect(report.isolated).to.be.true;
    expect(report.readyThreads).to.deep.equal([1, 2]);
    // What `ready` says is what runs: one worker at first, then a new inference worker with
    // onnxruntime's second thread, a worker of its own, beside it.
    expect(report.workersBefore).to.have.length(1);
    expect(report.workersAfter).to.have.length(2);
    expect(report.labels).to.deep.equal([1, 1]);
    expect(report.errors).to.deep.equal([]);
    // The page loads with no failed request, the browser's own /favicon.ico included.
    expect(report.failed).to.deep.equal([]);
  });

  it('#13 without cross-origin isolation it runs silently on one thread, even if threads asks for more', async () => {
    expect(crossOriginIsolated).to.be.false;
    const pad = await fixture<DigitPad>(html`<digit-pad threads="2"></digit-pad>`);
    const errors = recordErrors(pad);
    const ready = await oneEvent(pad, 'ready');
    expect(ready.detail.threads).to.equal(1);
    await drawStrokes(surfaceOf(pad), ONE);
    expect((await pad.whenSettled())!.results.cnn.label).to.equal(1);
    expect(errors).to.have.length(0);
  });
});
