// Prints bench/results.json as a terminal table. Times in ms unless a row says otherwise.
import { printLoad } from './load-table.mjs';
import { print } from './print.mjs';
import { ratio } from './stats.mjs';

const f = (v, digits = 2) => (v == null ? '–' : Number(v).toFixed(digits));
const trio = (s, d = 2) => (s ? `${f(s.p50, d)} / ${f(s.p95, d)} / ${f(s.max, d)}` : '–');
const duo = (s, d = 2) => (s ? `${f(s.p50, d)} / ${f(s.p95, d)}` : '–');
const x = (v) => (v == null ? '–' : `${f(v, v >= 10 ? 0 : 2)}×`);
const kb = (bytes) => `${f(bytes / 1024, 1)} KB`;

export function printTable(r) {
  const { pad, baselines, throughput: t, bytes: b, ratios } = r;
  const base = baselines.mainThread;
  const floor = baselines.runtimeFloor;
  const int8 = baselines.runtimeFloorInt8;
  const v = r.precision;
  const m = r.machine;
  const load = m.loadAverage1m;
  console.log(
    `\ndigit-pad bench  ${r.date}\n${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB; ${m.browser}; ` +
      `onnxruntime-web ${r.config.ortVersion}; commit ${m.commit ?? '?'}; ` +
      `load average ${f(load?.start)} at start, ${f(load?.end)} at end\n` +
      `replay: ${r.config.replaySamples} UNIPEN samples, ${r.config.replayStrokes} strokes, ` +
      `trusted pen input at ${r.config.penHz} Hz, ${r.config.penUpMs} ms pen-up` +
      (r.config.quick ? '  (--quick)' : ''),
  );

  const latency = (label, key, note = '') => [
    label,
    trio(pad.latency[key]),
    trio(base.latency[key]),
    note,
  ];
  print('Latency, per ink-changing pen sample (p50 / p95 / max)', [
    ['', '<digit-pad>', 'main-thread baseline', 'baseline ÷ pad'],
    latency(
      'input timeStamp → prediction',
      'endToEnd',
      `${x(ratios.endToEndP50BaselineOverPad)} p50`,
    ),
    latency('event dispatch → prediction', 'fromDispatch'),
    latency('  of which: input wait (browser)', 'inputWait'),
    latency('  of which: wait to send', 'sendWait'),
    latency('  of which: snapshot → prediction', 'roundTrip'),
    latency(
      'timeStamp → prediction, first 20 ms of a stroke',
      'strokeStart',
      `n = ${pad.latency.strokeStart.n}`,
    ),
    latency(
      '  the rest of the stroke',
      'afterStrokeStart',
      `n = ${pad.latency.afterStrokeStart.n}`,
    ),
    [
      'samples (unanswered)',
      `${pad.latency.samples} (${pad.latency.unanswered})`,
      `${base.latency.samples} (${base.latency.unanswered})`,
      '',
    ],
  ]);

  const models = Object.keys(pad.worker.models);
  const wt = pad.workerTrace;
  print('Worker-side time per snapshot (p50 / p95)', [
    ['', '<digit-pad> worker', 'session.run floor', 'pad ÷ floor'],
    ['preprocess (detail.timings)', duo(pad.worker.preprocess, 3), '', ''],
    ...models.map((n) => [
      `${n} (results.${n}.ms)`,
      duo(pad.worker.models[n], 3),
      duo(floor.models[n], 3),
      x(ratio(pad.worker.models[n]?.p50, floor.models[n]?.p50)),
    ]),
    [
      'floor means (0.1 ms clock: p50 of a sub-0.1 ms run reads 0)',
      '',
      models.map((n) => `${n} ${f(floor.models[n]?.mean, 3)}`).join(', '),
      '',
    ],
    [
      'pipeline (detail.timings.totalMs)',
      duo(pad.worker.pipeline, 3),
      duo(floor.all, 3),
      `${x(ratios.pipelineP50OverFloorP50)} p50`,
    ],
    [
      `  floor paced like the pen (${f(floor.paced.gapMs, 0)} ms idle before each run)`,
      '',
      duo(floor.paced.all, 3),
      `${x(ratios.pipelineP50OverPacedFloorP50)} p50`,
    ],
    [
      'postMessage to a blank worker, idle / awake (mean)',
      '',
      `${f(floor.postMessage?.idleMeanMs, 3)} / ${f(floor.postMessage?.awakeMeanMs, 3)}`,
      '',
    ],
    ...(wt
      ? [
          ['worker task, wall (trace)', duo(wt.taskWall, 3), '', ''],
          ['worker task, thread CPU (trace)', duo(wt.taskCpu, 3), '', ''],
          ['hop main → worker (trace)', duo(wt.hopToWorker, 3), '', ''],
          ['hop worker → main handler (trace)', duo(wt.hopToMain, 3), '', ''],
        ]
      : []),
    ...(int8
      ? [
          ...Object.keys(int8.models).map((n) => [`${n} int8`, '', duo(int8.models[n], 3), '']),
          ['all int8', '', duo(int8.all, 3), ''],
          ['  all int8, paced like the pen', '', duo(int8.paced.all, 3), ''],
        ]
      : []),
  ]);

  print('Main thread during the replay (CDP trace)', [
    ['', '<digit-pad>', 'main-thread baseline', 'baseline ÷ pad'],
    [
      'script per snapshot p50 / p95 / max',
      trio(pad.mainThread.perSnapshot, 3),
      trio(base.mainThread.perSnapshot, 3),
      '',
    ],
    [
      '  the same, thread CPU time',
      trio(pad.mainThread.perSnapshotCpu, 3),
      trio(base.mainThread.perSnapshotCpu, 3),
      '',
    ],
    [
      '  of which postMessage of the snapshot (mean / p95)',
      pad.postMessageMs ? `${f(pad.postMessageMs.mean, 3)} / ${f(pad.postMessageMs.p95, 3)}` : '–',
      '',
      '',
    ],
    [
      'script total (ms)',
      f(pad.mainThread.scriptMs, 0),
      f(base.mainThread.scriptMs, 0),
      x(ratios.mainThreadScriptBaselineOverPad),
    ],
    ...Object.entries(pad.mainThread.breakdown).map(([kind, v]) => [
      `  ${kind}: count, ms`,
      `${v.count}, ${f(v.ms, 0)}`,
      `${base.mainThread.breakdown[kind].count}, ${f(base.mainThread.breakdown[kind].ms, 0)}`,
      '',
    ]),
    ['rendering total (ms)', f(pad.mainThread.renderMs, 0), f(base.mainThread.renderMs, 0), ''],
    [
      'all tasks, busy (ms)',
      f(pad.mainThread.busyMs, 0),
      f(base.mainThread.busyMs, 0),
      x(ratios.mainThreadBusyBaselineOverPad),
    ],
    [
      'total blocking time, longest task (ms)',
      `${f(pad.mainThread.totalBlockingMs, 0)}, ${f(pad.mainThread.longestTaskMs, 1)}`,
      `${f(base.mainThread.totalBlockingMs, 0)}, ${f(base.mainThread.longestTaskMs, 1)}`,
      '',
    ],
    ['trace window (ms)', f(pad.mainThread.windowMs, 0), f(base.mainThread.windowMs, 0), ''],
    [
      'tasks > 50 ms in the trace (wall / CPU ms)',
      (pad.mainThread.tasksOver50ms ?? []).map((t) => `${f(t.ms, 0)}/${f(t.cpuMs, 0)}`).join(' ') ||
        '0',
      (base.mainThread.tasksOver50ms ?? [])
        .map((t) => `${f(t.ms, 0)}/${f(t.cpuMs, 0)}`)
        .join(' ') || '0',
      '',
    ],
    [
      'long tasks > 50 ms after ready',
      String(pad.longTasksAfterReady),
      String(base.longTasksAfterReady),
      '',
    ],
    [
      'snapshots / seq gaps',
      `${pad.snapshots} / ${pad.seqGaps}`,
      `${base.snapshots} / ${base.seqGaps}`,
      '',
    ],
  ]);

  print('Sustained throughput (input as fast as CDP sends it, Escape between samples)', [
    [
      'predictions per second (inked)',
      `${f(t.snapshotsPerSecond, 1)} (${f(t.inkedPerSecond, 1)})`,
      '',
      '',
    ],
    ['ink updates → snapshots', `${t.inkUpdates} → ${t.snapshots}`, '', ''],
    ['merged by latest-wins / seq gaps', `${t.updatesMergedByLatestWins} / ${t.seqGaps}`, '', ''],
    [
      'worker busy share, pipeline p50/p95',
      `${f(t.workerBusyShare * 100, 0)}%, ${duo(t.pipeline)}`,
      '',
      '',
    ],
  ]);

  printLoad(r.load);

  print('Bytes (gzip -9; raw in brackets)', [
    [
      'library JS (index.js and its imports)',
      `${kb(b.library.total.gzip)} (${kb(b.library.total.raw)})`,
      '',
      '',
    ],
    ['worker JS with onnxruntime-web', `${kb(b.worker.gzip)} (${kb(b.worker.raw)})`, '', ''],
    [
      'worker JS, ORT external (rebuilt)',
      `${kb(b.workerWithoutOrt.gzip)} (${kb(b.workerWithoutOrt.raw)})`,
      '',
      '',
    ],
    ['  cross-check: worker − ort.wasm.bundle.min.mjs', kb(b.workerMinusOrtBundleGzip), '', ''],
    ['library + worker, without ORT', kb(b.libraryPlusWorkerWithoutOrt.gzip), '', ''],
    ['ort-wasm-simd-threaded.wasm', `${kb(b.wasm.gzip)} (${kb(b.wasm.raw)})`, '', ''],
    ...Object.entries(b.models).map(([n, w]) => [n, `${kb(w.gzip)} (${kb(w.raw)})`, '', '']),
  ]);

  if (v)
    print(`Default precision: ${v.reason}`, [
      ['', 'fp32', 'int8', ''],
      ...Object.entries(v.accuracyGapPoints).map(([m, d]) => [
        `${m} accuracy, int8 − fp32`,
        '',
        `${f(d)} points`,
        '',
      ]),
      ...Object.entries(v.felt).map(([k, l]) => [k, f(l.fp32, 2), f(l.int8, 2), '']),
      ...Object.entries(v.latency).map(([k, l]) => [`${k} (ms)`, f(l.fp32, 3), f(l.int8, 3), '']),
      [
        'verdict',
        v.default === 'fp32' ? 'default' : '',
        v.default === 'int8' ? 'default' : '',
        v.reason,
      ],
    ]);

  print(
    'Bars',
    r.bars.map(({ bar, value, pass }) => [pass ? 'PASS' : 'FAIL', bar, f(value), '']),
  );
}
