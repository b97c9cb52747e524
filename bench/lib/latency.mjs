// Matches trusted pointer input to the prediction that first answers it, from the probe's log
// (bench/pages/probe.js).
//
// An input sample is one pen report the browser received: a pointerdown, a pointerup, or one of
// the coalesced events of a pointerrawupdate or a pointermove (Chromium merges reports that
// arrive within one frame into one pointermove, and getCoalescedEvents() returns each with its
// own timeStamp), counted from the first event that carried it. A sample
// changes the ink if it starts a stroke or lands somewhere else than the stroke's last point.
// For each such sample:
//   the snapshot that includes it is the first one posted after the DOM event carrying it was
//   dispatched (snapshots are taken from the whole ink at posting time, so every later snapshot
//   includes it too; order is exact, from the probe's shared counter);
//   its latency is that snapshot's `prediction` event (with every model's result) minus the
//   sample's timeStamp, both on the page's performance.now() clock.
import { summary } from './stats.mjs';

// The pad records reports from pointerrawupdate where Chromium has it, and pointermove repeats
// them a little later: a report counts from the first event that carried it.
const MOVES = new Set(['pointermove', 'pointerrawupdate']);
/** Reports dispatched within this long after their stroke's pointerdown. */
const STROKE_START_MS = 20;

export function inkSamples(events, moveType = 'pointermove') {
  const samples = [];
  const seen = new Set();
  let down = false;
  let downAt = 0;
  let last = null;
  for (const event of events) {
    if (MOVES.has(event.type) && moveType === 'pointermove' && event.type !== moveType) continue;
    if (event.type === 'pointerdown') {
      if (event.button !== 0 || down) continue;
      down = true;
      downAt = event.t;
      last = null;
      seen.clear();
    } else if (!down) continue;
    for (const [ts, x, y] of event.samples) {
      const key = `${ts} ${x} ${y}`;
      if (MOVES.has(event.type) && seen.has(key)) continue;
      seen.add(key);
      if (last && last[0] === x && last[1] === y) continue;
      last = [x, y];
      samples.push({ ts, t: event.t, order: event.order, sinceDown: event.t - downAt });
    }
    if (event.type === 'pointerup' || event.type === 'pointercancel') down = false;
  }
  return samples;
}

/** Per ink-changing sample: end-to-end latency and where the time went. */
export function matchLatency({ events, snapshots, predictions }, moveType = 'pointermove') {
  const bySeq = new Map(predictions.map((p) => [p.seq, p]));
  const samples = inkSamples(events, moveType);
  const rows = [];
  let unanswered = 0;
  let s = 0;
  for (const sample of samples) {
    while (s < snapshots.length && snapshots[s].order < sample.order) s++;
    const snapshot = snapshots[s];
    const prediction = snapshot && bySeq.get(snapshot.seq);
    if (!prediction || prediction.blank) {
      unanswered++;
      continue;
    }
    rows.push({
      endToEnd: prediction.t - sample.ts,
      fromDispatch: prediction.t - sample.t,
      inputWait: sample.t - sample.ts,
      sendWait: snapshot.t - sample.t,
      roundTrip: prediction.t - snapshot.t,
      sinceDown: sample.sinceDown,
    });
  }
  const pick = (key) => summary(rows.map((r) => r[key]));
  const endToEnd = (keep) => summary(rows.filter(keep).map((r) => r.endToEnd));
  return {
    samples: samples.length,
    unanswered,
    endToEnd: pick('endToEnd'),
    fromDispatch: pick('fromDispatch'),
    inputWait: pick('inputWait'),
    sendWait: pick('sendWait'),
    roundTrip: pick('roundTrip'),
    // Chromium holds posted messages back from a pointerdown until the next frame, so the
    // start of a stroke is reported apart from the rest.
    strokeStart: endToEnd((r) => r.sinceDown < STROKE_START_MS),
    afterStrokeStart: endToEnd((r) => r.sinceDown >= STROKE_START_MS),
  };
}

/** Worker-side times of the non-blank predictions: preprocessing, each model, whole pipeline. */
export function workerTimes(predictions) {
  const answered = predictions.filter((p) => !p.blank);
  const names = Object.keys(answered[0]?.ms ?? {});
  return {
    predictions: answered.length,
    preprocess: summary(answered.map((p) => p.preprocessMs)),
    models: Object.fromEntries(names.map((n) => [n, summary(answered.map((p) => p.ms[n]))])),
    pipeline: summary(answered.map((p) => p.totalMs)),
  };
}

/** seq gaps: snapshots that were numbered but never answered. */
export function seqGaps(predictions) {
  let gaps = 0;
  for (let i = 1; i < predictions.length; i++)
    gaps += Math.max(0, predictions[i].seq - predictions[i - 1].seq - 1);
  return gaps;
}
