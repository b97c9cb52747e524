/**
 * Number and expression modes: cuts strokes that hold joined digits (src/ink/cut.ts), segments
 * the ink into glyphs (src/ink/segment.ts), classifies the candidate glyphs with every model,
 * and reads the line per model.
 *
 * Classification is cached per candidate, keyed on its strokes' ids and point counts (strokes
 * only grow while drawn, and undo/redo restore the same id with the same points), so a pen
 * report re-runs only the few candidates that hold the stroke being drawn. What is read from
 * the logits, and the glyph result built from that, are kept with them (candidate-reading.ts):
 * a glyph that did not change is the same object from one report to the next, which lets the
 * worker send only the glyphs that changed (glyph-refs.ts). Segmentation scores a candidate by
 * the models' mean fit, so every model reads the same glyphs; each model then reads its own
 * symbols. The parts of a cut stroke keep its id: their keys differ by point count and end, and
 * by the range of the shape the models see.
 */
import { TextChooser } from '../expression/choose.js';
import { evaluate } from '../expression/evaluate.js';
import { cutJoined } from '../ink/cut.js';
import { pickStrokes, type PackedInk, type StrokePoints } from '../ink/ink.js';
import { MeasureCache } from '../ink/measures.js';
import { MAX_GROUP, planLine, type Candidate } from '../ink/segment.js';
import { bestSplit } from '../ink/split.js';
import { glyphOf, memoOf, type Classified, type Memo } from './candidate-reading.js';
import type { ModelSet } from './model-set.js';
import { PadError } from './pad-error.js';
import { preprocess, SIDE } from './preprocess.js';
import { MAX_GLYPHS, type GlyphResult, type PadMode, type Reading } from './protocol.js';

const PIXELS = SIDE * SIDE;

export interface LineResult {
  readonly glyphs: GlyphResult[];
  readonly reading: Record<string, Reading>;
  /** Index into `glyphs` of the glyph owning the last stroke written; -1 when blank. */
  readonly current: number;
  /** Time in `session.run` per model, for this report. */
  readonly ms: Record<string, number>;
  readonly preprocessMs: number;
}

export class LineReader {
  private cache = new Map<string, Classified>();
  private readonly measures = new MeasureCache();
  private readonly choosers = new Map<string, TextChooser>();

  async read(
    written: PackedInk,
    mode: Exclude<PadMode, 'digit'>,
    set: ModelSet,
  ): Promise<LineResult> {
    const strokes = written.ends.length;
    if (strokes > MAX_GLYPHS * MAX_GROUP) throw tooLong(`${strokes} strokes`);
    // Segmentation works on parts of strokes: a stroke holding joined digits is cut in parts.
    const measures = this.measures.of(written);
    const { ink, shapes, source } = cutJoined(written, measures);
    const owned = (c: Candidate) => [...new Set(c.strokes.map((part) => source[part]))];
    // Cut ink is measured afresh: its parts are not strokes the cache can know.
    const plan = planLine(ink, ink === written ? measures : undefined);
    // A candidate holding one part of a cut stroke is classified without the pen's path to
    // the next part; one holding neighbouring parts, with it.
    const shapeOf = (c: Candidate) =>
      pickStrokes(owned(c).length < c.strokes.length ? ink : shapes, c.strokes);
    const { keys, ms, preprocessMs } = await this.classify(
      ink,
      shapes,
      plan.candidates,
      shapeOf,
      set,
    );
    const memos = new Map<Candidate, Memo>();
    const inputs = new Map<Candidate, Float32Array>();
    for (const [i, candidate] of plan.candidates.entries()) {
      const entry = this.cache.get(keys[i])!;
      memos.set(candidate, memoOf(entry, candidate, mode, plan.height, set));
      inputs.set(candidate, entry.input);
    }
    const chosen = bestSplit(plan, (candidate) => memos.get(candidate)!.score);
    if (chosen.length > MAX_GLYPHS) throw tooLong(`${chosen.length} glyphs`);

    const reading: Record<string, Reading> = {};
    const texts: Record<string, string> = {};
    for (const model of set.models) {
      const options = chosen.map((c) => memos.get(c)!.read[model.name].options);
      const text =
        mode === 'expression'
          ? this.chooserOf(model.name).choose(options)
          : options.map((o) => o[0].symbol).join('');
      texts[model.name] = text;
      reading[model.name] = { text, ...evaluate(text) };
    }
    const last = strokes - 1;
    return {
      glyphs: chosen.map((c, k) =>
        glyphOf(memos.get(c)!, { strokes: owned(c), box: c.box }, inputs.get(c)!, texts, k),
      ),
      reading,
      current: chosen.findIndex((c) => c.strokes.some((part) => source[part] === last)),
      ms,
      preprocessMs,
    };
  }

  /**
   * Runs the models once, batched, on the candidates not in the cache; drops unused entries.
   * Returns each candidate's cache key.
   */
  private async classify(
    ink: PackedInk,
    shapes: StrokePoints,
    candidates: readonly Candidate[],
    shapeOf: (candidate: Candidate) => StrokePoints,
    set: ModelSet,
  ): Promise<{ keys: string[]; ms: Record<string, number>; preprocessMs: number }> {
    const start = performance.now();
    const next = new Map<string, Classified>();
    const missing: { key: string; input: Float32Array }[] = [];
    const keys = cacheKeys(ink, shapes, candidates);
    for (const [i, candidate] of candidates.entries()) {
      const key = keys[i];
      const hit = this.cache.get(key) ?? next.get(key);
      if (hit) next.set(key, hit);
      else if (!missing.some((m) => m.key === key)) {
        const input = preprocess(shapeOf(candidate)) ?? new Float32Array(PIXELS);
        missing.push({ key, input });
      }
    }
    const preprocessMs = performance.now() - start;
    const ms: Record<string, number> = Object.fromEntries(set.names.map((n) => [n, 0]));
    if (missing.length) {
      const batch = new Float32Array(missing.length * PIXELS);
      missing.forEach((m, i) => batch.set(m.input, i * PIXELS));
      const outputs = await set.logits(batch, missing.length);
      missing.forEach(({ key, input }, i) => {
        const logits: Record<string, Float32Array> = {};
        for (const [name, output] of Object.entries(outputs)) {
          const width = output.logits.length / missing.length;
          logits[name] = output.logits.slice(i * width, (i + 1) * width);
        }
        next.set(key, { input, logits });
      });
      for (const [name, output] of Object.entries(outputs)) ms[name] = output.ms;
    }
    this.cache = next;
    return { keys, ms, preprocessMs };
  }

  /** One per model: its options are its own. */
  private chooserOf(model: string): TextChooser {
    let chooser = this.choosers.get(model);
    if (!chooser) this.choosers.set(model, (chooser = new TextChooser()));
    return chooser;
  }

  clear(): void {
    this.cache.clear();
    this.measures.clear();
    this.choosers.clear();
  }
}

/**
 * Ids and point counts identify a stroke's content under the protocol's rules; its last point
 * is added so that a client reusing ids for new ink gets a miss, not another glyph's result.
 * Each stroke's part is made once per report, however many candidates hold it.
 */
function cacheKeys(
  { ends, points }: PackedInk,
  shapes: StrokePoints,
  candidates: readonly Candidate[],
): string[] {
  const parts: string[] = [];
  const part = (s: number) => {
    const last = ends[s] - 1;
    const count = ends[s] - (s ? ends[s - 1] : 0);
    // A part of a cut stroke is classified without the pen's path to its neighbour, which can
    // move while the stroke grows and its own points stay: the shape's range is in its key.
    const first = s ? shapes.ends[s - 1] : 0;
    const shape = shapes.ends[s] - first;
    const trimmed =
      shape === count
        ? ''
        : `~${shape}@${shapes.points[first * 2]},${shapes.points[first * 2 + 1]}`;
    return (parts[s] ??= `${count}@${points[last * 2]},${points[last * 2 + 1]}${trimmed}`);
  };
  return candidates.map((candidate) => `${candidate.key}/${candidate.strokes.map(part).join(';')}`);
}

function tooLong(what: string): PadError {
  return new PadError(
    'line-too-long',
    `The line holds ${what}; at most ${MAX_GLYPHS} glyphs are read`,
  );
}
