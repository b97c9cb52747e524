/**
 * Number and expression modes: segments the ink into glyphs (src/ink/segment.ts), classifies
 * the candidate glyphs with every model, and reads the line per model.
 *
 * Classification is cached per candidate, keyed on its strokes' ids and point counts (strokes
 * only grow while drawn, and undo/redo restore the same id with the same points), so a pen
 * report re-runs only the few candidates that hold the stroke being drawn: the cost per report
 * stays flat as the line grows. Segmentation scores a candidate by the models' mean fit, so
 * every model reads the same glyphs; each model then reads its own symbols.
 */
import { chooseText, type SymbolOption } from '../expression/choose.js';
import { evaluate } from '../expression/evaluate.js';
import { asciiSymbol } from '../expression/tokens.js';
import { readGlyph, type GlyphReading } from '../ink/glyph-score.js';
import { pickStrokes, type PackedInk } from '../ink/ink.js';
import { bestSplit, glyphScore, MAX_GROUP, planLine, type Candidate } from '../ink/segment.js';
import { DIGIT_CLASSES, softmax, type LoadedModel, type ModelSet } from './model-set.js';
import { PadError } from './pad-error.js';
import { preprocess, SIDE } from './preprocess.js';
import {
  MAX_GLYPHS,
  type GlyphModelResult,
  type GlyphResult,
  type PadMode,
  type Reading,
} from './protocol.js';

/** Symbols offered to the grammar per glyph. */
const TOP_SYMBOLS = 3;
const PIXELS = SIDE * SIDE;

interface Classified {
  readonly input: Float32Array;
  /** Logits per model name. */
  readonly logits: Readonly<Record<string, Float32Array>>;
  /** The last reading made from them, valid while the mode and line height stay the same. */
  memo?: { readonly mode: string; readonly height: number; readonly read: Readings };
}

type Readings = Record<string, ModelReading>;

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

  async read(ink: PackedInk, mode: Exclude<PadMode, 'digit'>, set: ModelSet): Promise<LineResult> {
    const strokes = ink.ends.length;
    if (strokes > MAX_GLYPHS * MAX_GROUP) throw tooLong(`${strokes} strokes`);
    const plan = planLine(ink);
    const { ms, preprocessMs } = await this.classify(ink, plan.candidates, set);
    const read = new Map<Candidate, Readings>();
    const entries = new Map<Candidate, Classified>();
    for (const candidate of plan.candidates) {
      const entry = this.cache.get(cacheKey(ink, candidate))!;
      entries.set(candidate, entry);
      const { memo } = entry;
      if (memo?.mode !== mode || memo.height !== plan.height) {
        const fresh = readCandidate(entry.logits, candidate, mode, plan.height, set);
        entry.memo = { mode, height: plan.height, read: fresh };
      }
      read.set(candidate, entry.memo!.read);
    }
    const chosen = bestSplit(plan, (candidate) => {
      const fits = Object.values(read.get(candidate)!).map((r) => r.fit);
      return glyphScore(candidate, fits.reduce((a, b) => a + b, 0) / fits.length, plan.height);
    });
    if (chosen.length > MAX_GLYPHS) throw tooLong(`${chosen.length} glyphs`);

    const reading: Record<string, Reading> = {};
    const perModel = new Map<string, GlyphModelResult[]>();
    for (const model of set.models) {
      const options = chosen.map((c) => symbolOptions(model, read.get(c)![model.name]));
      const text =
        mode === 'expression' ? chooseText(options) : options.map((o) => o[0].symbol).join('');
      reading[model.name] = { text, ...evaluate(text) };
      perModel.set(
        model.name,
        chosen.map((c, k) => {
          const { probabilities } = read.get(c)![model.name];
          const label = probabilities.indexOf(Math.max(...probabilities));
          return { probabilities, label, symbol: text[k] };
        }),
      );
    }
    const last = strokes - 1;
    return {
      glyphs: chosen.map((c, k) => ({
        strokes: c.strokes,
        box: c.box,
        input: entries.get(c)!.input.slice(),
        results: Object.fromEntries(set.names.map((name) => [name, perModel.get(name)![k]])),
      })),
      reading,
      current: chosen.findIndex((c) => c.strokes.includes(last)),
      ms,
      preprocessMs,
    };
  }

  /** Runs the models once, batched, on the candidates not in the cache; drops unused entries. */
  private async classify(
    ink: PackedInk,
    candidates: readonly Candidate[],
    set: ModelSet,
  ): Promise<{ ms: Record<string, number>; preprocessMs: number }> {
    const start = performance.now();
    const next = new Map<string, Classified>();
    const missing: { key: string; input: Float32Array }[] = [];
    for (const candidate of candidates) {
      const key = cacheKey(ink, candidate);
      const hit = this.cache.get(key) ?? next.get(key);
      if (hit) next.set(key, hit);
      else if (!missing.some((m) => m.key === key)) {
        const input = preprocess(pickStrokes(ink, candidate.strokes)) ?? new Float32Array(PIXELS);
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
    return { ms, preprocessMs };
  }

  clear(): void {
    this.cache.clear();
  }
}

/**
 * Ids and point counts identify a stroke's content under the protocol's rules; its last point
 * is added so that a client reusing ids for new ink gets a miss, not another glyph's result.
 */
function cacheKey({ ends, points }: PackedInk, candidate: Candidate): string {
  const parts = candidate.strokes.map((s) => {
    const last = ends[s] - 1;
    return `${ends[s] - (s ? ends[s - 1] : 0)}@${points[last * 2]},${points[last * 2 + 1]}`;
  });
  return `${candidate.key}/${parts.join(';')}`;
}

/** Each model's reading of one candidate: its size-corrected probabilities and reject rule. */
function readCandidate(
  logits: Readonly<Record<string, Float32Array>>,
  candidate: Candidate,
  mode: Exclude<PadMode, 'digit'>,
  height: number,
  set: ModelSet,
): Readings {
  const read: Readings = {};
  for (const model of set.models) {
    const all = logits[model.name];
    const width = mode === 'number' ? DIGIT_CLASSES : model.classes.length;
    // Number mode reads only the digits, but over all the model's classes: readGlyph
    // renormalises what it shows, while its fit keeps the mass the model gave the rest. A
    // fragment that the model gives mostly to other classes (a 4's bar written apart from its
    // stem, which the CNN calls ".") is then a poor digit, where renormalised over the digits
    // alone it looked like a sure one. Only the fit changes: the digits' shares stay the same.
    const probabilities = softmax(all).slice(0, width);
    read[model.name] = {
      ...readGlyph(
        probabilities,
        model.classes.map(asciiSymbol),
        candidate.box,
        height,
        candidate.lift,
      ),
      rejected: rejects(model, all),
    };
  }
  return read;
}

interface ModelReading extends GlyphReading {
  /** The model's reject rule fired on this glyph: it reads "?". */
  readonly rejected: boolean;
}

/**
 * classes.md's rule, on the model's own probabilities over all its classes (the threshold is
 * calibrated on those), in both line modes: the top class is "?" or its probability is under
 * the threshold. Ink outside the alphabet thus reads "?" even where only digits are read.
 */
function rejects(model: LoadedModel, logits: Float32Array): boolean {
  const probabilities = softmax(logits);
  const top = probabilities.indexOf(Math.max(...probabilities));
  return (
    asciiSymbol(model.classes[top]) === '?' ||
    (model.rejectBelow !== null && probabilities[top] < model.rejectBelow)
  );
}

/** The glyph's top symbols for the grammar; only "?" when the model rejects the glyph. */
function symbolOptions(model: LoadedModel, read: ModelReading): SymbolOption[] {
  const ranked = read.probabilities
    .map((p, i) => ({ symbol: asciiSymbol(model.classes[i]), logp: Math.log(p) }))
    .sort((a, b) => b.logp - a.logp);
  return read.rejected ? [{ symbol: '?', logp: ranked[0].logp }] : ranked.slice(0, TOP_SYMBOLS);
}

function tooLong(what: string): PadError {
  return new PadError(
    'line-too-long',
    `The line holds ${what}; at most ${MAX_GLYPHS} glyphs are read`,
  );
}
