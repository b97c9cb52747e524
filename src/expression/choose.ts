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

/** The best text with one option per glyph; the top options when no text parses. */
export function chooseText(options: readonly (readonly SymbolOption[])[]): string {
  let beam: { text: string; score: number }[] = [{ text: '', score: 0 }];
  for (const glyph of options) {
    const next: { text: string; score: number }[] = [];
    for (const hypothesis of beam) {
      for (const { symbol, logp } of glyph) {
        const text = hypothesis.text + symbol;
        if (evaluate(text).reason !== 'syntax') next.push({ text, score: hypothesis.score + logp });
      }
    }
    if (next.length === 0) return options.map((o) => o[0].symbol).join('');
    beam = next.sort((a, b) => b.score - a.score).slice(0, BEAM);
  }
  return beam[0].text;
}
