/**
 * Tokens of a line's text. The reader emits ASCII (`0-9 + - * / = ( ) .` and `?`); the
 * handwritten and typed aliases of multiply (x, ×) and divide (÷, :) are accepted too.
 */
export type Operator = '+' | '-' | '*' | '/';

export type Token =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'operator'; readonly op: Operator }
  | { readonly kind: '(' | ')' | '=' | '?' };

const ALIASES: Readonly<Record<string, string>> = {
  x: '*',
  X: '*',
  '×': '*',
  '÷': '/',
  ':': '/',
  '−': '-',
};

const ASCII = /^[0-9+\-*/=().?]$/;

/** The reader's ASCII symbol for a class name: aliases mapped, anything else outside is "?". */
export function asciiSymbol(name: string): string {
  const symbol = ALIASES[name] ?? name;
  return ASCII.test(symbol) ? symbol : '?';
}

/** Splits text into tokens; a number is digits with at most one point ("1.", ".5" included). */
export function tokenize(text: string): Token[] | { readonly error: 'syntax' } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = ALIASES[text[i]] ?? text[i];
    if (/[0-9.]/.test(ch)) {
      const match = /^[0-9]*\.?[0-9]*/.exec(text.slice(i))![0];
      tokens.push({ kind: 'number', text: match });
      i += match.length;
      continue;
    }
    if (ch === '+' || ch === '-' || ch === '*' || ch === '/')
      tokens.push({ kind: 'operator', op: ch });
    else if (ch === '(' || ch === ')' || ch === '=' || ch === '?') tokens.push({ kind: ch });
    else if (!/\s/.test(ch)) return { error: 'syntax' };
    i++;
  }
  return tokens;
}
