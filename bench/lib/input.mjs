// Trusted pen input through the Chrome DevTools Protocol, as test/support/input/cdp.mjs
// sends it: Input.dispatchMouseEvent with pointerType 'pen', so the page gets real
// PointerEvents (isTrusted, coalescing, pointer capture) exactly as from a pen.
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

function penEvent(type, { x, y }, pressed) {
  return {
    type,
    x,
    y,
    button: pressed || type !== 'mouseMoved' ? 'left' : 'none',
    buttons: pressed ? 1 : 0,
    clickCount: type === 'mouseMoved' ? 0 : 1,
    pointerType: 'pen',
    force: pressed ? 0.5 : 0,
  };
}

/**
 * Turns fitted strokes into a timed list of pen events: one event per recorded sample, `1/hz`
 * apart (UNIPEN's repeated points are time samples, so they are kept), and `penUpMs` of pen-up
 * between strokes. With `hz` = Infinity everything is due at once.
 */
export function penSchedule(strokes, { hz, penUpMs = 0 }) {
  const dt = Number.isFinite(hz) ? 1000 / hz : 0;
  const steps = [];
  let at = 0;
  strokes.forEach((stroke, s) => {
    if (s > 0) at += Number.isFinite(hz) ? penUpMs : 0;
    stroke.forEach((point, i) => {
      steps.push({ at, event: penEvent(i === 0 ? 'mousePressed' : 'mouseMoved', point, true) });
      if (i === stroke.length - 1)
        steps.push({ at, event: penEvent('mouseReleased', point, false) });
      else at += dt;
    });
  });
  return steps;
}

/**
 * Sends the schedule in real time. Commands are not awaited one by one (CDP keeps their order),
 * so a slow page cannot slow the pen down: input queues up in the browser as it would for a user.
 */
export async function replay(cdp, steps) {
  const start = performance.now();
  const sent = [];
  for (const { at, event } of steps) {
    const wait = start + at - performance.now();
    if (wait >= 1) await sleep(wait);
    sent.push(cdp.send('Input.dispatchMouseEvent', event));
  }
  await Promise.all(sent);
}

export async function pressKey(cdp, key, code, keyCode) {
  const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...base });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
}
