// Baseline 1, the older project's design: the same two models run with onnxruntime-web on the
// MAIN thread, once for every pointer event that changes the ink, with no coalescing (every
// event's snapshot is run, in order). Same preprocessing (src/workers/preprocess.ts), same
// runtime settings as the worker (wasm, 1 thread, graph optimisation 'all').
// Bundled by bench/lib/site.mjs into build/main-thread-baseline.js.
import * as ort from 'onnxruntime-web/wasm';
import { packInk } from '../../src/ink/ink.ts';
import { preprocess, SIDE } from '../../src/workers/preprocess.ts';

ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
ort.env.wasm.wasmPaths = {
  wasm: new URL('../dist/workers/ort-wasm-simd-threaded.wasm', location.href).href,
};

const MODELS = [
  ['mlp', '../dist/models/mlp.onnx'],
  ['cnn', '../dist/models/cnn.onnx'],
];

const canvas = document.querySelector('canvas');
const ctx = canvas.getContext('2d');
ctx.lineWidth = 16;
ctx.lineCap = 'round';
ctx.lineJoin = 'round';
const ink = [];
let active = null;
let rect = null;
let seq = 0;
let queue = Promise.resolve();

async function load() {
  const start = performance.now();
  const sessions = [];
  for (const [name, url] of MODELS) {
    const session = await ort.InferenceSession.create(url, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
    sessions.push({ name, session });
  }
  await infer(sessions, 0, packInk([[{ x: 0, y: 0 }]]));
  const detail = { models: MODELS.map(([name]) => name), loadMs: performance.now() - start };
  canvas.dispatchEvent(new CustomEvent('ready', { detail, bubbles: true, composed: true }));
  return sessions;
}

async function infer(sessions, id, packed) {
  const start = performance.now();
  const input = preprocess(packed);
  const preprocessMs = performance.now() - start;
  const results = {};
  if (input) {
    const tensor = new ort.Tensor('float32', input, [1, 1, SIDE, SIDE]);
    for (const { name, session } of sessions) {
      const t = performance.now();
      const out = await session.run({ [session.inputNames[0]]: tensor });
      const logits = out[session.outputNames[0]].data;
      results[name] = { label: logits.indexOf(Math.max(...logits)), ms: performance.now() - t };
    }
  }
  const detail = {
    seq: id,
    blank: !input,
    input: input ?? new Float32Array(SIDE * SIDE),
    results,
    timings: { preprocessMs, totalMs: performance.now() - start },
  };
  canvas.dispatchEvent(new CustomEvent('prediction', { detail, bubbles: true, composed: true }));
}

const ready = load();

function changed() {
  const id = ++seq;
  const packed = packInk(ink);
  window.__probe?.snapshot(id);
  queue = queue.then(async () => infer(await ready, id, packed));
}

function append(event) {
  const unit = Math.min(rect.width, rect.height);
  const x = (event.clientX - rect.left - rect.width / 2) / unit;
  const y = (event.clientY - rect.top - rect.height / 2) / unit;
  const last = active.at(-1);
  if (last && last.x === x && last.y === y) return false;
  active.push({ x, y });
  const px = (p) => [p.x * unit + rect.width / 2, p.y * unit + rect.height / 2];
  ctx.beginPath();
  ctx.moveTo(...px(active.at(-2) ?? active.at(-1)));
  ctx.lineTo(...px(active.at(-1)));
  ctx.stroke();
  return true;
}

canvas.addEventListener('pointerdown', (event) => {
  if (active || event.button !== 0) return;
  canvas.setPointerCapture(event.pointerId);
  rect = canvas.getBoundingClientRect();
  active = [];
  ink.push(active);
  append(event);
  changed();
});
canvas.addEventListener('pointermove', (event) => {
  if (!active) return;
  const samples = event.getCoalescedEvents();
  let any = false;
  for (const sample of samples.length ? samples : [event]) any = append(sample) || any;
  if (any) changed();
});
canvas.addEventListener('pointerup', (event) => {
  if (!active) return;
  const moved = append(event);
  active = null;
  if (moved) changed();
});

window.__bench = {
  ready: () => ready.then(() => undefined),
  settled: () => queue,
  clear: () => {
    ink.length = 0;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
  },
  surface: () => canvas,
};
