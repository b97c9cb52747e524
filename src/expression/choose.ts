/**
 * Lets the grammar choose among each glyph's top symbols: a beam search, left to right, in
 * which a hypothesis whose text can no longer be a valid line pays `UNPARSED` once, and the
 * most likely text wins. A valid line is a sum, or a run of numbers such as a phone number
 * "(555)123-4567" or a date "24.12.99" (`NUMBER_RUN`), which is read as written, with no value;
 * "1+*2" is neither. A stroke between two numbers where an operator must stand thus reads as
 * "/" rather than "1" only when the classifier found "/" likely too; and ink the classifier is
 * sure of is read as written even where it is no valid line.
 */
import { evaluate } from './evaluate.js';

export interface SymbolOption {
  readonly symbol: string;
  /** Natural log of its probability. */
  readonly logp: number;
}

const BEAM = 12;

/**
 * A line that is still open at its end ("867-1/") is worth a third of one that means a number
 * ("867-11"): people end a line on a digit, ")" or "=", and a last glyph that the classifier
 * finds about as likely one way as the other is then read as what completes the line. While an
 * operator is being written its own reading is far surer than that, so it still shows.
 */
const OPEN_END = Math.log(3);

/**
 * Log-likelihood cost of a text that is no valid line: the grammar's choice is worth as much as
 * a classifier's odds of 20 to 1, and no more.
 */
const UNPARSED = Math.log(20);

/**
 * Log-likelihood cost of each pair of neighbouring symbols that no line of any kind holds: not
 * a sum, nor a phone number or a date ("5(", ".(", "./", "+)", "(*", "-+"). Such a pair costs
 * on top of `UNPARSED`, so a "6" that looks like a "(" is read as a 6 after a digit, where the
 * one-off cost of a text that is no sum would let the classifier's odds of 140 to 1 stand.
 */
const JUNCTION = Math.log(20);

/**
 * The start of a line that is no sum but a run of numbers joined by "-", "/" or ".", perhaps
 * after one in parentheses: a phone number "(555)123-4567", a date "24.12.1999" or "2024-12-24".
 * Such a line costs nothing, like a sum: a "1" after a ")" then reads "1", not the "/" that
 * would make a sum.
 */
const NUMBER_RUN = /^(?:\(\d*|\(\d+\)(?:\d+(?:[-./]\d+)*[-./]?)?|\d+(?:[-./]\d+)*[-./]?)?$/;

/**
 * Log-likelihood cost of an "=" after a bare number ("9165="): people write "=" to ask for the
 * value of a sum, so a line with no operator before it more likely had one the classifier
 * took for a digit ("9/65=", a "/" read "1"). Worth the classifier's odds of 10 to 1 (chosen on
 * the training writers' lines: 4, 10 and 20 were tried).
 */
const NOTHING_TO_SUM = Math.log(10);
/** An operator between two operands: "-5=" negates a number, and sums nothing either. */
const BINARY = /[\d.)][-+*/]/;

/** Whether `next` after `previous` is such a pair (see JUNCTION). */
function implausible(previous: string | undefined, next: string): boolean {
  if (previous === undefined) return false;
  if (next === '(') return /[0-9.)]/.test(previous);
  if (previous === '.') return !/[0-9?]/.test(next);
  return /[-+*/(]/.test(previous) && /[)*/+=]/.test(next);
}

interface Hypothesis {
  readonly text: string;
  readonly score: number;
  /** Whether the text can still be (the start of) a valid line. */
  readonly parses: boolean;
}

type Beam = readonly Hypothesis[];

const START: Beam = [{ text: '', score: 0, parses: true }];

/** The beam after one more glyph. */
function advance(beam: Beam, glyph: readonly SymbolOption[]): Beam {
  const next: Hypothesis[] = [];
  for (const hypothesis of beam) {
    for (const { symbol, logp } of glyph) {
      const text = hypothesis.text + symbol;
      // A text that cannot parse stays so whatever follows: it pays once.
      const parses =
        hypothesis.parses && (evaluate(text).reason !== 'syntax' || NUMBER_RUN.test(text));
      const cost =
        (hypothesis.parses && !parses ? UNPARSED : 0) +
        (symbol === '=' && !BINARY.test(hypothesis.text) ? NOTHING_TO_SUM : 0) +
        (implausible(hypothesis.text.at(-1), symbol) ? JUNCTION : 0);
      next.push({ text, score: hypothesis.score + logp - cost, parses });
    }
  }
  return next.sort((a, b) => b.score - a.score).slice(0, BEAM);
}

function best(beam: Beam): string {
  const worth = ({ text, score, parses }: Hypothesis) =>
    score - (parses && evaluate(text).reason === 'incomplete' ? OPEN_END : 0);
  return beam.reduce((a, b) => (worth(b) > worth(a) ? b : a)).text;
}

/** The best text with one option per glyph. */
export function chooseText(options: readonly (readonly SymbolOption[])[]): string {
  return new TextChooser().choose(options);
}

/**
 * `chooseText` for a line read again and again as it grows: it keeps the beam after each glyph
 * and searches again only from the first glyph whose options are not the very array given
 * last time (the beam up to a glyph depends on nothing after it), so a pen report at the end of
 * a long line does not parse the whole line again for every hypothesis.
 */
export class TextChooser {
  private options: readonly (readonly SymbolOption[])[] = [];
  /** beams[k]: the beam after the first k glyphs of `options`. */
  private beams: Beam[] = [START];

  choose(options: readonly (readonly SymbolOption[])[]): string {
    let same = 0;
    while (same < Math.min(options.length, this.options.length)) {
      if (options[same] !== this.options[same]) break;
      same++;
    }
    const beams = this.beams.slice(0, same + 1);
    for (let k = same; k < options.length; k++) {
      beams.push(advance(beams[k], options[k]));
    }
    [this.options, this.beams] = [[...options], beams];
    return best(beams[options.length]);
  }
}
