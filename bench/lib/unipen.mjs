// UNIPEN pen trajectories (one JSON object per line: id, label, strokes [[[x, y], …], …], y down)
// and how they are fitted into the pad.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const SHARED_DIGITS = repo('../shared/datasets/unipen-dev/digits.jsonl');
export const FIXTURE_DIGITS = repo('test/fixtures/unipen/holdout-279.jsonl');

/** The full development set when ../shared is there, else the committed 300-sample fixture. */
export function defaultDigits() {
  return existsSync(SHARED_DIGITS) ? SHARED_DIGITS : FIXTURE_DIGITS;
}

export function readSamples(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/**
 * A fixed, spread-out subset holding at least `minStrokes` strokes: every k-th sample, so that
 * all sites and writers in the file are represented, in file order.
 */
export function spreadSubset(samples, minStrokes) {
  const total = samples.reduce((n, s) => n + s.strokes.length, 0);
  const wanted = Math.ceil((minStrokes * samples.length) / total);
  const step = Math.max(1, Math.floor(samples.length / wanted));
  const picked = [];
  let strokes = 0;
  // Every step-th sample from the start; if that falls short, the next offset, and so on.
  for (let offset = 0; strokes < minStrokes && offset < step; offset++) {
    for (let i = offset; i < samples.length && strokes < minStrokes; i += step) {
      picked.push(samples[i]);
      strokes += samples[i].strokes.length;
    }
  }
  return picked;
}

/**
 * Maps a sample's strokes into a viewport rectangle {x, y, width, height}, keeping the aspect
 * ratio, centred, with `margin` (a fraction of the shorter side) left empty on every side.
 * Returns strokes of {x, y} in CSS pixels of the top-level viewport.
 */
export function fitStrokes(strokes, rect, margin = 0.15) {
  const points = strokes.flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const width = Math.max(...xs) - minX;
  const height = Math.max(...ys) - minY;
  const side = Math.min(rect.width, rect.height) * (1 - 2 * margin);
  const scale = side / Math.max(width, height, 1e-9);
  const left = rect.x + (rect.width - width * scale) / 2;
  const top = rect.y + (rect.height - height * scale) / 2;
  return strokes.map((stroke) =>
    stroke.map(([x, y]) => ({ x: left + (x - minX) * scale, y: top + (y - minY) * scale })),
  );
}
