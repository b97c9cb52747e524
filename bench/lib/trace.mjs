// Reads a Chrome trace (Tracing domain, devtools.timeline categories) and measures what the
// page's main thread, and its inference worker if it has one, spent, and on what.
//
// Main thread, all slices from the first pointerdown on:
//   "script" is the union of EventDispatch of pointer events (the pad's pointer handlers: ink
//   recording and painting, snapshot packing and posting), HandlePostMessage (a worker's answer
//   arriving: decoding it and dispatching `prediction`), FireAnimationFrame (rAF callbacks) and
//   any other top-level FunctionCall into the served bundles (promise continuations, timers,
//   the baseline's inference when it runs after its event handler returned). Calls into
//   the benchmark's own probe nested in these are subtracted.
//   "rendering" is the union of the frames' style, layout, pre-paint, paint, layerize and
//   commit slices; "busy" is the union of all tasks.
// Worker: each message it handles (HandlePostMessage) is one snapshot's whole pipeline, as the
// product's worker finishes a prediction within one task; its wall time and thread CPU time
// (tdur) are kept. Messages are matched across threads by their traceId.
import { summary } from './stats.mjs';

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

const POINTER = new Set([
  'pointerdown',
  'pointermove',
  'pointerrawupdate',
  'pointerup',
  'pointercancel',
  'gotpointercapture',
  'lostpointercapture',
]);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);
const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** Length of the union of [start, end) intervals sorted by start, in the same unit. */
function unionLength(sorted) {
  let total = 0;
  let [s, e] = [-Infinity, -Infinity];
  for (const [a, b] of sorted) {
    if (a > e) {
      if (e > s) total += e - s;
      [s, e] = [a, b];
    } else if (b > e) e = b;
  }
  if (e > s) total += e - s;
  return total;
}

const byStart = (a, b) => a[0] - b[0];
const ms = (us) => us / 1000;

/**
 * @param traceBuffer the bytes puppeteer's page.tracing.stop() returns
 * @param ownUrl predicate for FunctionCall urls that belong to the measured component
 * @param probeUrl predicate for FunctionCall urls of the benchmark's probe
 */
export function analyseTrace(traceBuffer, { ownUrl, probeUrl }) {
  const parsed = JSON.parse(Buffer.from(traceBuffer).toString('utf8'));
  const all = parsed.traceEvents ?? parsed;
  const first = all.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerdown');
  if (!first) throw new Error('the trace holds no pointerdown');
  const start = first.ts;
  const inPage = all
    .filter((e) => e.pid === first.pid && e.ts >= start)
    .sort((a, b) => a.ts - b.ts);
  const main = inPage.filter((e) => e.tid === first.tid);
  const slices = main.filter((e) => e.ph === 'X' && e.dur >= 0);

  const kinds = { pointer: [], message: [], animationFrame: [], otherCalls: [] };
  const probe = [];
  const render = [];
  const tasks = [];
  for (const e of slices) {
    // [start, end, thread CPU time]; CPU time leaves out what the OS gave to other threads.
    const span = [e.ts, e.ts + e.dur, e.tdur ?? e.dur];
    const url = e.args?.data?.url ?? '';
    if (TASK.has(e.name)) tasks.push(span);
    else if (RENDER.has(e.name)) render.push(span);
    else if (e.name === 'EventDispatch' && POINTER.has(e.args?.data?.type))
      kinds.pointer.push(span);
    else if (e.name === 'HandlePostMessage') kinds.message.push(span);
    else if (e.name === 'FireAnimationFrame') kinds.animationFrame.push(span);
    else if (e.name === 'FunctionCall' && probeUrl(url)) probe.push(span);
    else if (e.name === 'FunctionCall' && ownUrl(url)) kinds.otherCalls.push(span);
  }
  // FunctionCalls nested in the other kinds (a pointer listener, say) are already counted there.
  const direct = [...kinds.pointer, ...kinds.message, ...kinds.animationFrame];
  kinds.otherCalls = kinds.otherCalls.filter(
    ([a, b]) => !direct.some(([s, e]) => s <= a && b <= e),
  );
  const own = Object.values(kinds).flat().sort(byStart);
  // Only probe calls inside the component's slices are subtracted (its listeners run there).
  const nested = probe.filter(([a, b]) => own.some(([s, e]) => s <= a && b <= e)).sort(byStart);
  const net = (list, inner) => ms(unionLength(list) - unionLength(inner));
  // The component's slices do not nest in one another (nested calls were filtered out above),
  // nor do the probe's, so their CPU times add up.
  const cpu = (list, inner) =>
    ms(list.reduce((n, x) => n + x[2], 0) - inner.reduce((n, x) => n + x[2], 0));

  // Per snapshot: the component's slices that start after one prediction's dispatch ended and
  // no later than the next one's end, i.e. everything that led to, and delivered, that answer.
  const predictions = slices.filter(
    (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'prediction',
  );
  const perSnapshot = [];
  const perSnapshotCpu = [];
  let [i, j, cursor] = [0, 0, start - 1];
  for (const p of predictions) {
    const until = p.ts + p.dur;
    const window = [];
    const inner = [];
    while (i < own.length && own[i][0] <= until) if (own[i++][0] > cursor) window.push(own[i - 1]);
    while (j < nested.length && nested[j][0] <= until)
      if (nested[j++][0] > cursor) inner.push(nested[j - 1]);
    perSnapshot.push(net(window, inner));
    perSnapshotCpu.push(cpu(window, inner));
    cursor = until;
  }

  const breakdown = Object.fromEntries(
    Object.entries(kinds).map(([kind, list]) => {
      const sorted = list.sort(byStart);
      const inner = nested.filter(([a, b]) => sorted.some(([s, e]) => s <= a && b <= e));
      return [kind, { count: list.length, ms: net(sorted, inner), cpuMs: cpu(sorted, inner) }];
    }),
  );

  return {
    windowMs: ms(slices.reduce((end, e) => Math.max(end, e.ts + e.dur), start) - start),
    scriptMs: net(own, nested),
    scriptCpuMs: cpu(own, nested),
    probeMs: ms(unionLength(nested)),
    renderMs: ms(unionLength(render.sort(byStart))),
    busyMs: ms(unionLength(tasks.sort(byStart))),
    // Total blocking time, as Lighthouse counts it: each task's time beyond 50 ms.
    blockingMs: ms(tasks.reduce((n, [a, b]) => n + Math.max(0, b - a - 50000), 0)),
    longestTaskMs: ms(tasks.reduce((longest, [a, b]) => Math.max(longest, b - a), 0)),
    longTasks: describeLongTasks(slices, tasks),
    frames: slices.filter((e) => e.name === 'Commit').length,
    breakdown,
    perSnapshot,
    perSnapshotCpu,
    worker: workerSide(inPage, first.tid),
  };
}

/** Every main-thread task over 50 ms: wall and CPU time, and what ran in it, longest first. */
function describeLongTasks(slices, tasks) {
  return tasks
    .filter(([a, b]) => b - a > 50000)
    .map(([a, b, cpuUs]) => {
      const inside = {};
      for (const e of slices)
        if (e.ts >= a && e.ts + e.dur <= b && !TASK.has(e.name)) {
          const key = e.name === 'EventDispatch' ? `EventDispatch ${e.args.data.type}` : e.name;
          inside[key] = (inside[key] ?? 0) + e.dur;
        }
      const top = Object.entries(inside)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 5)
        .map(([name, us]) => `${name} ${ms(us).toFixed(1)} ms`);
      return { ms: ms(b - a), cpuMs: ms(cpuUs), inside: top };
    });
}

/** The worker's message tasks, and the hops of each message between the threads. */
function workerSide(events, mainTid) {
  const handled = new Map();
  const scheduled = new Map();
  for (const e of events) {
    const id = e.args?.data?.traceId;
    if (!id) continue;
    if (e.name === 'HandlePostMessage' && e.ph === 'X') handled.set(id, e);
    else if (e.name === 'SchedulePostMessage' && e.ph === 'I') scheduled.set(id, e);
  }
  const tasks = [...handled.values()].filter((e) => e.tid !== mainTid);
  if (tasks.length === 0) return null;
  const hop = (toWorker) =>
    [...handled]
      .filter(([id, h]) => scheduled.has(id) && (h.tid !== mainTid) === toWorker)
      .map(([id, h]) => ms(h.ts - scheduled.get(id).ts));
  return {
    tasks: tasks.length,
    taskWall: summary(tasks.map((e) => ms(e.dur))),
    taskCpu: summary(tasks.filter((e) => e.tdur != null).map((e) => ms(e.tdur))),
    hopToWorker: summary(hop(true)),
    hopToMain: summary(hop(false)),
  };
}
