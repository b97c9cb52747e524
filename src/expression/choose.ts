/**
 * Lets the grammar choose among each glyph's top symbols: a beam search, left to right, that
 * drops any hypothesis whose text can no longer be a valid line ("1+*2"), and keeps the most
 * likely of the rest. A stroke between two numbers where an operator must stand thus reads as
 * "/" rather than "1" only when the classifier found "/" likely too.
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

type Beam = readonly { readonly text: string; readonly score: number }[];

const START: Beam = [{ text: '', score: 0 }];

/** The beam after one more glyph; empty when no hypothesis can still be a valid line. */
function advance(beam: Beam, glyph: readonly SymbolOption[]): Beam {
  const next: { text: string; score: number }[] = [];
  for (const hypothesis of beam) {
    for (const { symbol, logp } of glyph) {
      const text = hypothesis.text + symbol;
      if (evaluate(text).reason !== 'syntax') next.push({ text, score: hypothesis.score + logp });
    }
  }
  return next.sort((a, b) => b.score - a.score).slice(0, BEAM);
}

function best(beam: Beam): string {
  const worth = ({ text, score }: Beam[number]) =>
    score - (evaluate(text).reason === 'incomplete' ? OPEN_END : 0);
  return beam.reduce((a, b) => (worth(b) > worth(a) ? b : a)).text;
}

/** The best text with one option per glyph; the top options when no text parses. */
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
      const next = advance(beams[k], options[k]);
      if (next.length === 0) {
        [this.options, this.beams] = [options.slice(0, k), beams];
        return options.map((o) => o[0].symbol).join('');
      }
      beams.push(next);
    }
    [this.options, this.beams] = [[...options], beams];
    return best(beams[options.length]);
  }
}
