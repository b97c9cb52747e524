// Benchmark probe, injected before any page script runs (puppeteer's evaluateOnNewDocument).
// It only observes: pointer events on the element marked data-bench-target (capture listeners
// on window run first, before the element's own handlers), the snapshots sent to the inference
// worker (by wrapping Worker.prototype.postMessage), the ready and prediction events, and long
// tasks. Everything is kept as small arrays for the Node side to read back.
(() => {
  const probe = {
    events: [],
    snapshots: [],
    predictions: [],
    ready: null,
    longTasks: [],
    marks: {},
    inputs: [],
    keepInputs: 64,
    // One counter orders pointer events and snapshots exactly (performance.now() is coarsened
    // to 0.1 ms on pages that are not cross-origin isolated, so times can tie).
    order: 0,
    mark(name) {
      this.marks[name] = performance.now();
    },
    snapshot(seq) {
      this.snapshots.push({ seq, t: performance.now(), order: this.order++ });
    },
  };
  window.__probe = probe;

  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message?.type !== 'predict') return post.call(this, message, ...rest);
    probe.snapshot(message.seq);
    const t = performance.now();
    post.call(this, message, ...rest);
    probe.snapshots.at(-1).postMs = performance.now() - t;
  };

  const onPointer = (event) => {
    const t = performance.now();
    if (!event.target?.closest?.('[data-bench-target]')) return;
    const coalesced = event.getCoalescedEvents?.() ?? [];
    const samples = (coalesced.length ? coalesced : [event]).map((e) => [
      e.timeStamp,
      e.clientX,
      e.clientY,
    ]);
    probe.events.push({
      type: event.type,
      t,
      order: probe.order++,
      button: event.button,
      samples,
    });
  };
  // pointerrawupdate is only listened to on pages whose component records from it: a listener
  // alone makes Chromium deliver raw input to the main thread.
  const types = ['pointerdown', 'pointermove', 'pointerup', 'pointercancel'];
  if (window.__probeRawUpdate) types.push('pointerrawupdate');
  for (const type of types) window.addEventListener(type, onPointer, { capture: true });

  window.addEventListener(
    'ready',
    (event) => {
      probe.ready ??= { t: performance.now(), ...event.detail };
    },
    { capture: true },
  );
  window.addEventListener(
    'prediction',
    ({ detail }) => {
      const t = performance.now();
      const ms = {};
      const labels = {};
      for (const [name, r] of Object.entries(detail.results)) {
        ms[name] = r.ms;
        labels[name] = r.label;
      }
      probe.predictions.push({
        seq: detail.seq,
        t,
        blank: detail.blank,
        ms,
        labels,
        ...detail.timings,
      });
      if (!detail.blank && probe.inputs.length < probe.keepInputs)
        probe.inputs.push(Array.from(detail.input));
    },
    { capture: true },
  );

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
})();
