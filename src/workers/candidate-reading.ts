/**
 * What a line reader makes of one candidate glyph's logits, kept with its cache entry while what
 * it depends on stays the same: per mode, the probabilities and reject rule (`Classed`); where
 * the candidate stands in the line, its size-corrected reading and score (`Memo`); and the glyph
 * result built from that, which stays the same object while nothing in it changes.
 */
import type { SymbolOption } from '../expression/choose.js';
import { asciiSymbol } from '../expression/tokens.js';
import { readGlyph, type GlyphReading } from '../ink/glyph-score.js';
import type { Candidate } from '../ink/segment.js';
import { glyphScore } from '../ink/split.js';
import { argmax } from '../internal/argmax.js';
import { DIGIT_CLASSES, softmax, type LoadedModel, type ModelSet } from './model-set.js';
import type { GlyphModelResult, GlyphResult, PadMode } from './protocol.js';

/** Symbols offered to the grammar per glyph. */
const TOP_SYMBOLS = 3;

export interface Classified {
  readonly input: Float32Array;
  /** Logits per model name. */
  readonly logits: Readonly<Record<string, Float32Array>>;
  /** What the logits say in one mode, wherever the glyph stands in the line. */
  classed?: { readonly mode: string; readonly read: Record<string, Classed> };
  /** The last reading made from them; see `Memo`. */
  memo?: Memo;
}

interface Classed {
  /** Softmax over all the model's classes. */
  readonly all: readonly number[];
  /** The first `width` of them: the classes the mode reads. */
  readonly probabilities: readonly number[];
}

/**
 * A candidate's reading: valid while the mode, the line's glyph height and the candidate's lift
 * (which depends on its neighbours) stay the same; its box and looseness follow from its strokes.
 */
export interface Memo {
  readonly mode: string;
  readonly height: number;
  readonly lift: number;
  readonly read: Readings;
  /** Its score for `bestSplit`. */
  readonly score: number;
  /** The last glyph result built from it, reused while its stroke indices and symbols stay. */
  glyph?: GlyphResult;
}

type Readings = Record<string, ModelReading>;

/** The candidate's memo, made again only when what it depends on changed. */
export function memoOf(
  entry: Classified,
  candidate: Candidate,
  mode: Exclude<PadMode, 'digit'>,
  height: number,
  set: ModelSet,
): Memo {
  const { memo } = entry;
  if (memo?.mode === mode && memo.height === height && memo.lift === candidate.lift) return memo;
  const read = readCandidate(classedOf(entry, mode, set), candidate, height, set, mode);
  const fits = Object.values(read).map((r) => r.fit);
  const rejected = Object.values(read).filter((r) => r.options[0].symbol === '?').length;
  const score = glyphScore(
    candidate,
    fits.reduce((a, b) => a + b, 0) / fits.length,
    height,
    rejected / fits.length,
    mode === 'number',
  );
  entry.memo = { mode, height, lift: candidate.lift, read, score };
  return entry.memo;
}

function classedOf(
  entry: Classified,
  mode: Exclude<PadMode, 'digit'>,
  set: ModelSet,
): Record<string, Classed> {
  if (entry.classed?.mode === mode) return entry.classed.read;
  const read: Record<string, Classed> = {};
  for (const model of set.models) {
    const width = mode === 'number' ? DIGIT_CLASSES : model.classes.length;
    // Number mode reads only the digits, but over all the model's classes: readGlyph
    // renormalises what it shows, while its fit keeps the mass the model gave the rest. A
    // fragment that the model gives mostly to other classes (a 4's bar written apart from its
    // stem, which the CNN calls ".") is then a poor digit, where renormalised over the digits
    // alone it looked like a sure one. Only the fit changes: the digits' shares stay the same.
    const all = softmax(entry.logits[model.name]);
    read[model.name] = { all, probabilities: all.slice(0, width) };
  }
  entry.classed = { mode, read };
  return read;
}

/**
 * Each model's reading of one candidate where it stands: its size-corrected probabilities. The
 * reject rule weighs them over all the model's classes, in both modes: a small "0" or a "."
 * that the model, seeing only a blob, was unsure of is sure once its size is known, while "%",
 * "#" and scribbles gain nothing from their size. In number mode, where only digits are read,
 * a glyph that its size and the model call a "." reads "?" too.
 */
function readCandidate(
  classed: Readonly<Record<string, Classed>>,
  candidate: Candidate,
  height: number,
  set: ModelSet,
  mode: Exclude<PadMode, 'digit'>,
): Readings {
  const read: Readings = {};
  for (const model of set.models) {
    const { all, probabilities } = classed[model.name];
    const { box, lift, stacked } = candidate;
    const glyph = readGlyph(probabilities, symbolsOf(model), box, height, lift, stacked);
    const whole =
      probabilities.length === all.length
        ? glyph
        : readGlyph(all, symbolsOf(model), box, height, lift, stacked);
    const rejected = rejects(model, whole.probabilities, mode === 'number' ? NOT_A_NUMBER : ['?']);
    read[model.name] = {
      ...glyph,
      fit: splitFit(model, glyph, whole),
      label: argmax(glyph.probabilities),
      options: symbolOptions(model, glyph.probabilities, rejected),
    };
  }
  return read;
}

/**
 * How well the glyph fits, for the split. Where only digits are read, that is its best digit,
 * unless the model's likeliest class is "?": ink outside the alphabet ("%", "#") is then well
 * explained as such, and stays whole instead of coming apart into parts that are fair digits.
 * A fragment the model calls "." (a 4's bar written apart) stays a poor digit.
 */
function splitFit(model: LoadedModel, glyph: GlyphReading, whole: GlyphReading): number {
  if (glyph === whole || symbolsOf(model)[argmax(whole.probabilities)] !== '?') return glyph.fit;
  return whole.fit;
}

/** Symbols whose glyph reads "?" in number mode when they are its likeliest class. */
const NOT_A_NUMBER = ['?', '.'];

const symbols = new WeakMap<LoadedModel, readonly string[]>();

/** The model's classes as the reader's ASCII symbols. */
function symbolsOf(model: LoadedModel): readonly string[] {
  let list = symbols.get(model);
  if (!list) symbols.set(model, (list = model.classes.map(asciiSymbol)));
  return list;
}

interface ModelReading extends GlyphReading {
  /** Argmax of `probabilities`, an index into the model's classes. */
  readonly label: number;
  /** Its top symbols for the grammar. */
  readonly options: readonly SymbolOption[];
}

/**
 * The glyph result of a chosen candidate: the one built last time from the same memo when its
 * stroke indices and every model's symbol are the same, else a new one. Nothing in it is
 * copied or changed later: the worker sends it by reference once the main thread has it.
 */
export function glyphOf(
  memo: Memo,
  candidate: Pick<GlyphResult, 'strokes' | 'box'>,
  input: Float32Array,
  texts: Readonly<Record<string, string>>,
  k: number,
): GlyphResult {
  const names = Object.keys(texts);
  const old = memo.glyph;
  if (
    old &&
    old.strokes.length === candidate.strokes.length &&
    old.strokes.every((s, i) => s === candidate.strokes[i]) &&
    names.every((name) => old.results[name].symbol === texts[name][k])
  ) {
    return old;
  }
  const results: Record<string, GlyphModelResult> = {};
  for (const name of names) {
    const { probabilities, label } = memo.read[name];
    results[name] = { probabilities, label, symbol: texts[name][k] };
  }
  memo.glyph = { strokes: candidate.strokes, box: candidate.box, input, results };
  return memo.glyph;
}

/**
 * The model card's reject rule, on probabilities over all the model's classes (the threshold is
 * calibrated on those): the top class is one of `outside` or its probability is under the
 * threshold. Ink outside the alphabet thus reads "?" even where only digits are read.
 */
function rejects(
  model: LoadedModel,
  probabilities: readonly number[],
  outside: readonly string[],
): boolean {
  const top = argmax(probabilities);
  return (
    outside.includes(symbolsOf(model)[top]) ||
    (model.rejectBelow !== null && probabilities[top] < model.rejectBelow)
  );
}

/** The glyph's top symbols for the grammar; only "?" when the model rejects the glyph. */
function symbolOptions(
  model: LoadedModel,
  probabilities: readonly number[],
  rejected: boolean,
): SymbolOption[] {
  const list = symbolsOf(model);
  const ranked = probabilities
    .map((p, i) => ({ symbol: list[i], logp: Math.log(p) }))
    .sort((a, b) => b.logp - a.logp);
  return rejected ? [{ symbol: '?', logp: ranked[0].logp }] : ranked.slice(0, TOP_SYMBOLS);
}
