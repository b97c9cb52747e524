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
import { bestSplit, MAX_GROUP, planLine, type Candidate } from '../ink/segment.js';
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

/**
 * Log-likelihood bonus per glyph, against the classifier's bias to read two glyphs squeezed
 * into one box as one confident digit. Tuned on composed lines of the training writers.
 */
const GLYPH_BONUS = 1.5;
/** Symbols offered to the grammar per glyph. */
const TOP_SYMBOLS = 3;
const PIXELS = SIDE * SIDE;

interface Classified {
  readonly input: Float32Array;
  /** Logits per model name. */
  readonly logits: Readonly<Record<string, Float32Array>>;
}

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
    const read = new Map<Candidate, Record<string, GlyphReading>>();
    for (const candidate of plan.candidates) {
      const { logits } = this.cache.get(cacheKey(ink, candidate))!;
      read.set(
        candidate,
        Object.fromEntries(
          set.models.map((model) => {
            const width = mode === 'number' ? DIGIT_CLASSES : model.classes.length;
            const probabilities = softmax(logits[model.name].subarray(0, width));
            return [
              model.name,
              readGlyph(probabilities, model.classes, candidate.box, plan.height),
            ];
          }),
        ),
      );
    }
    const chosen = bestSplit(plan, (candidate) => {
      const fits = Object.values(read.get(candidate)!).map((r) => r.fit);
      return fits.reduce((a, b) => a + b, 0) / fits.length + GLYPH_BONUS;
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
        input: this.cache.get(cacheKey(ink, c))!.input.slice(),
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

function cacheKey(ink: PackedInk, candidate: Candidate): string {
  const { ends } = ink;
  const lengths = candidate.strokes.map((s) => ends[s] - (s ? ends[s - 1] : 0));
  return `${candidate.key}/${lengths.join(',')}`;
}

/** The glyph's top symbols for the grammar; only "?" when the model's reject rule fires. */
function symbolOptions(model: LoadedModel, read: GlyphReading): SymbolOption[] {
  const ranked = read.probabilities
    .map((p, i) => ({ symbol: asciiSymbol(model.classes[i]), logp: Math.log(p) }))
    .sort((a, b) => b.logp - a.logp);
  const top = ranked[0];
  const rejected =
    top.symbol === '?' || (model.rejectBelow !== null && Math.exp(top.logp) < model.rejectBelow);
  return rejected ? [{ symbol: '?', logp: top.logp }] : ranked.slice(0, TOP_SYMBOLS);
}

function tooLong(what: string): PadError {
  return new PadError(
    'line-too-long',
    `The line holds ${what}; at most ${MAX_GLYPHS} glyphs are read`,
  );
}
