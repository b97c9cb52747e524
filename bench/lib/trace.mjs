// Reads a Chrome trace (Tracing domain, devtools.timeline categories) and measures what the page's
// main thread spent, and on what.
//
// "Component script" is the union of these main-thread slices: EventDispatch of pointer events
// (the pad's pointer handlers, ink painting, snapshot packing and posting), HandlePostMessage
// (a worker's result arriving: decoding and the prediction event's dispatch), FireAnimationFrame
// (requestAnimationFrame callbacks) and any other top-level FunctionCall into the served bundles
// (promise continuations, timers). Calls into the benchmark's own probe nested in these are
// subtracted. "Rendering" is the union of the frame's style, layout, pre-paint, paint,
// layerize and commit slices. "Busy" is the union of all top-level tasks.

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

const POINTER = new Set([
  'pointerdown',
  'pointermove',
  'pointerup',
  'pointercancel',
  'gotpointercapture',
  'lostpointercapture',
]);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);
const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** Length of the union of [start, end) intervals, in the same unit. */
function unionLength(intervals) {
  const sorted = intervals.slice().sort((a, b) => a[0] - b[0]);
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

/**
 * @param traceBuffer the bytes puppeteer's page.tracing.stop() returns
 * @param ownUrl predicate for FunctionCall urls that belong to the measured component
 * @param probeUrl predicate for FunctionCall urls of the benchmark's probe
 */
export function analyseTrace(traceBuffer, { ownUrl, probeUrl }) {
  const parsed = JSON.parse(Buffer.from(traceBuffer).toString('utf8'));
  const events = (parsed.traceEvents ?? parsed).filter((e) => e.ph === 'X' && e.dur >= 0);
  const first = events.find(
    (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerdown',
  );
  if (!first) throw new Error('the trace holds no pointerdown');
  const main = events
    .filter((e) => e.pid === first.pid && e.tid === first.tid)
    .sort((a, b) => a.ts - b.ts);
  const predictions = main.filter(
    (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'prediction',
  );
  const start = first.ts;
  const end = Math.max(...main.map((e) => e.ts + e.dur));

  const own = [];
  const probe = [];
  const render = [];
  const tasks = [];
  for (const e of main) {
    if (e.ts < start) continue;
    const span = [e.ts, e.ts + e.dur];
    const type = e.args?.data?.type;
    const url = e.args?.data?.url ?? '';
    if (TASK.has(e.name)) tasks.push(span);
    else if (RENDER.has(e.name)) render.push(span);
    else if (e.name === 'EventDispatch' && POINTER.has(type)) own.push(span);
    else if (e.name === 'HandlePostMessage' || e.name === 'FireAnimationFrame') own.push(span);
    else if (e.name === 'FunctionCall' && probeUrl(url)) probe.push(span);
    else if (e.name === 'FunctionCall' && ownUrl(url)) own.push(span);
  }
  // Probe calls only ever run inside the component's slices (they are listeners on the same
  // events), so their union is subtracted from the component's.
  const ownUs = unionLength(own) - unionLength(probe);

  // Per snapshot: the component's slices that start after one prediction's dispatch ended and
  // no later than the next one's end, i.e. everything that led to, and delivered, that answer.
  const perSnapshot = [];
  let cursor = start - 1;
  let k = 0;
  const ownSorted = own.slice().sort((a, b) => a[0] - b[0]);
  const probeSorted = probe.slice().sort((a, b) => a[0] - b[0]);
  for (const p of predictions) {
    const until = p.ts + p.dur;
    const inWindow = (list) => list.filter(([a]) => a > cursor && a <= until);
    const ms = (unionLength(inWindow(ownSorted)) - unionLength(inWindow(probeSorted))) / 1000;
    perSnapshot.push({ index: k++, ms });
    cursor = until;
  }

  return {
    windowMs: (end - start) / 1000,
    ownMs: ownUs / 1000,
    probeMs: unionLength(probe) / 1000,
    renderMs: unionLength(render) / 1000,
    busyMs: unionLength(tasks) / 1000,
    frames: main.filter((e) => e.name === 'Commit' && e.ts >= start).length,
    predictions: predictions.length,
    perSnapshot,
  };
}
