// Drives the product's inference worker (dist/workers/inference.worker.js) directly, with the
// real protocol: load the models, then send whole lines (accuracy) or a line whose last stroke
// grows a few points per report (latency). bench/lines.mjs calls these through puppeteer.
const worker = new Worker('../dist/workers/inference.worker.js', {
  type: 'module',
  name: 'digit-pad-inference',
});
const generation = 1;
let seq = 0;
let pending = null;
/** The last result's glyphs: a result refers to the ones it shares by index (glyph-refs.ts). */
let glyphs = [];

worker.onmessage = ({ data }) => {
  if (data.type === 'result') {
    glyphs = data.glyphs.map((glyph) => (typeof glyph === 'number' ? glyphs[glyph] : glyph));
    data.glyphs = glyphs;
  }
  const done = pending;
  pending = null;
  done?.(data);
};

function ask(message, transfer = []) {
  return new Promise((resolve) => {
    pending = resolve;
    worker.postMessage(message, transfer);
  });
}

/** Stroke ids are never reused, as on a pad: one line's strokes are not another's. */
let firstId = 0;

/** Strokes of [x, y] pairs as the protocol's PackedInk, fresh ids, synthetic times. */
function pack(strokes, ids) {
  const count = strokes.reduce((n, s) => n + s.length, 0);
  const points = new Float32Array(count * 2);
  const ends = new Uint32Array(strokes.length);
  let i = 0;
  strokes.forEach((stroke, s) => {
    for (const [x, y] of stroke) points.set([x, y], 2 * i++);
    ends[s] = i;
  });
  const times = Float64Array.from({ length: strokes.length * 2 }, (_, k) => k * 150);
  return { points, ends, ids: Uint32Array.from(ids), times };
}

/** Sends packed ink (transferred, as the pad does). */
function send(ink, mode) {
  const buffers = [ink.points.buffer, ink.ends.buffer, ink.ids.buffer, ink.times.buffer];
  return ask({ type: 'predict', generation, seq: ++seq, source: 'ink', mode, ink }, buffers);
}

function predict(strokes, mode, ids) {
  return send(pack(strokes, ids), mode);
}

/** Fresh ids for a new line's strokes. */
function newIds(count) {
  firstId += count;
  return Array.from({ length: count }, (_, k) => firstId - count + k);
}

window.loadModels = async (models) => {
  const ready = await ask({ type: 'load', generation, models, threads: 1, maxModelBytes: 5e7 });
  if (ready.type !== 'ready') throw new Error(JSON.stringify(ready.error));
  return ready.classes;
};

/** Each line's reading text per model and its split into glyphs, read from its whole ink. */
window.readLines = async (lines, mode) => {
  const reads = [];
  for (const strokes of lines) {
    const result = await predict(strokes, mode, newIds(strokes.length));
    if (result.type !== 'result') throw new Error(JSON.stringify(result.error));
    reads.push({
      texts: Object.fromEntries(Object.entries(result.reading).map(([m, r]) => [m, r.text])),
      glyphs: result.glyphs.map((g) => g.strokes),
      // Per glyph and model, the three likeliest classes: what a miss is diagnosed from.
      top: result.glyphs.map((g) =>
        Object.fromEntries(Object.entries(g.results).map(([m, r]) => [m, top3(r.probabilities)])),
      ),
    });
  }
  return reads;
};

/** The three likeliest class indices with their probabilities, as "index:probability". */
function top3(probabilities) {
  return [...probabilities.keys()]
    .sort((a, b) => probabilities[b] - probabilities[a])
    .slice(0, 3)
    .map((i) => `${i}:${probabilities[i].toFixed(3)}`);
}

/**
 * Per pen report while the last stroke of each line is drawn, `step` points per report, after
 * one untimed report of the line without it (as the pad would have sent): the round trip
 * (postMessage of the packed ink to the answer, ms), the worker's own time for it (`timings.totalMs`) and, of that,
 * the time in the models' `session.run`.
 */
window.reportTimes = async (lines, mode, step) => {
  const times = { roundTrip: [], worker: [], models: [] };
  for (const strokes of lines) {
    const last = strokes[strokes.length - 1];
    const ids = newIds(strokes.length);
    await predict(strokes.slice(0, -1), mode, ids.slice(0, -1));
    for (let n = Math.min(step, last.length); ; n = Math.min(n + step, last.length)) {
      const ink = pack([...strokes.slice(0, -1), last.slice(0, n)], ids);
      const start = performance.now();
      const result = await send(ink, mode);
      times.roundTrip.push(performance.now() - start);
      times.worker.push(result.timings.totalMs);
      times.models.push(Object.values(result.results).reduce((sum, r) => sum + r.ms, 0));
      if (n === last.length) break;
    }
  }
  return times;
};
