// What a run of `npm run bench` is judged by: its bars, and which precision the pad should load
// by default. Pure functions of the run's measurements (bench/run.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { ratio } from './stats.mjs';

/** The bar on `ready` (seconds, p50) over one emulated link, with an empty or a warm cache. */
const readyBar = (cache, link, name, seconds) => [
  `ready ≤ ${seconds} s, ${cache} cache, ${name} (p50, s)`,
  link[cache].ready.p50 / 1000,
  (v) => v <= seconds,
];

/** Each bar of the bench: its name, the value measured and whether it passes. */
export function barsOf({ pad, ratios, replays, phone, broadband, bytes, pen }) {
  return [
    ['end-to-end latency p50 ≤ 1.5 ms', pad.latency.endToEnd.p50, (v) => v <= 1.5],
    ['end-to-end latency p95 ≤ 5 ms', pad.latency.endToEnd.p95, (v) => v <= 5],
    [
      'pipeline ≤ 1.5× bare session.run, back to back (p50)',
      ratios.pipelineP50OverFloorP50,
      (v) => v <= 1.5,
    ],
    [
      'pipeline ≤ 1.5× bare session.run paced like the pen (p50)',
      ratios.pipelineP50OverPacedFloorP50,
      (v) => v <= 1.5,
    ],
    ['main-thread cost per snapshot p50 ≤ 0.3 ms', pad.mainThread.perSnapshot.p50, (v) => v <= 0.3],
    ['no long task after ready during replay', pad.longTasksAfterReady, (v) => v === 0],
    [
      '≥ 20× less main-thread blocking (script)',
      ratios.mainThreadScriptBaselineOverPad,
      (v) => v >= 20,
    ],
    readyBar('empty', phone, '9 Mbps / 150 ms', 5),
    readyBar('empty', broadband, '50 Mbps / 40 ms', 1.5),
    readyBar('warm', phone, '9 Mbps / 150 ms', 0.6),
    readyBar('warm', broadband, '50 Mbps / 40 ms', 0.6),
    [
      'latency per pen report ≤ 1.3× the fp32 models’ (p50, same run)',
      ratio(pad.latency.endToEnd.p50, replays.fp32.latency.endToEnd.p50),
      (v) => v <= 1.3,
    ],
    [
      'library + worker JS ≤ 40 KB gzip without ORT',
      bytes.libraryPlusWorkerWithoutOrt.gzip / 1024,
      (v) => v <= 40,
    ],
    ...penBars(pen),
  ].map(([bar, value, test]) => ({ bar, value, pass: value != null && test(value) }));
}

/**
 * Real-pen accuracy comes from `npm run bench:pen` (bench/pen-results.json), counted only if it
 * ran on the same model files as this run's dist/.
 */
export function readPen(file, modelFiles) {
  if (!existsSync(file)) return null;
  const pen = JSON.parse(readFileSync(file, 'utf8'));
  const current = Object.entries(pen.modelFiles ?? {}).every(
    ([f, h]) => !modelFiles[f] || modelFiles[f] === h,
  );
  return { ...pen, current };
}

function penBars(pen) {
  if (!pen?.current) return [];
  return [
    [`real-pen accuracy CNN ≥ 97 % (${pen.samples} samples)`, pen.accuracy.cnn, (v) => v >= 97],
    [`real-pen accuracy MLP ≥ 93 % (${pen.samples} samples)`, pen.accuracy.mlp, (v) => v >= 93],
  ];
}

/**
 * fp32 or int8 by default, by what a user feels. If accuracy differs by more than 0.2 points on
 * some model, the more accurate one. Otherwise int8 if it is ready sooner on the phone link
 * (empty cache) and its latency per pen report stays within 1.3× of fp32's; else fp32.
 */
export function precisionVerdict({ fp32, int8, loadOf, replays, floor, floorInt8 }) {
  if (!fp32?.current || !int8?.current) return null;
  const accuracyGap = Object.fromEntries(
    Object.keys(fp32.accuracy).map((m) => [m, int8.accuracy[m] - fp32.accuracy[m]]),
  );
  const gaps = Object.values(accuracyGap);
  const equalAccuracy = gaps.every((d) => Math.abs(d) <= 0.2);
  const coldPhone = (p) => loadOf(`pad, ${p} models`, 'phone-9mbps-150ms')?.empty.ready.p50;
  const felt = {
    phoneReadyEmptyMs: { fp32: coldPhone('fp32'), int8: coldPhone('int8') },
    penReportP50Ms: {
      fp32: replays.fp32.latency.endToEnd.p50,
      int8: replays.int8.latency.endToEnd.p50,
    },
    penReportP95Ms: {
      fp32: replays.fp32.latency.endToEnd.p95,
      int8: replays.int8.latency.endToEnd.p95,
    },
  };
  const latency = {
    penPipelineP50: { fp32: fp32.workerMs.pipeline.p50, int8: int8.workerMs.pipeline.p50 },
    floorP50: { fp32: floor.all.p50, int8: floorInt8?.all.p50 },
    pacedFloorP50: { fp32: floor.paced.all.p50, int8: floorInt8?.paced.all.p50 },
  };
  const int8Sooner = felt.phoneReadyEmptyMs.int8 < felt.phoneReadyEmptyMs.fp32;
  const latencyRatio = ratio(felt.penReportP50Ms.int8, felt.penReportP50Ms.fp32);
  let verdict;
  if (!equalAccuracy)
    verdict = gaps.every((d) => d >= -0.2)
      ? 'int8'
      : gaps.every((d) => d <= 0.2)
        ? 'fp32'
        : 'mixed';
  else verdict = int8Sooner && latencyRatio <= 1.3 ? 'int8' : 'fp32';
  return {
    accuracyGapPoints: accuracyGap,
    equalAccuracy,
    felt,
    latency,
    int8PenLatencyOverFp32: latencyRatio,
    default: verdict,
    reason: equalAccuracy
      ? 'equal accuracy: int8 if ready sooner on the phone link and ≤ 1.3× the latency per pen report'
      : 'accuracy differs by more than 0.2 points: the more accurate one',
  };
}

/** The same-run ratios: the baseline over the pad, and the pad's worker over the bare runtime. */
export function ratiosOf({ pad, baseline, floor }) {
  return {
    endToEndP50BaselineOverPad: ratio(baseline.latency.endToEnd.p50, pad.latency.endToEnd.p50),
    endToEndP95BaselineOverPad: ratio(baseline.latency.endToEnd.p95, pad.latency.endToEnd.p95),
    mainThreadScriptBaselineOverPad: ratio(baseline.mainThread.scriptMs, pad.mainThread.scriptMs),
    pipelineP50OverPacedFloorP50: ratio(pad.worker.pipeline.p50, floor.paced.all.p50),
    mainThreadBusyBaselineOverPad: ratio(baseline.mainThread.busyMs, pad.mainThread.busyMs),
    pipelineP50OverFloorP50: ratio(pad.worker.pipeline.p50, floor.all.p50),
    pipelineP95OverFloorP95: ratio(pad.worker.pipeline.p95, floor.all.p95),
  };
}
