/**
 * What a line's text means: `evaluate("12+7=")` is 19. Pure and exact (rational arithmetic,
 * no `eval`); the result is rounded to a double only at the end.
 */
import { parse, type Node } from './parse.js';
import {
  add,
  div,
  fromDecimal,
  isZero,
  mul,
  neg,
  sub,
  toNumber,
  type Rational,
} from './rational.js';
import { tokenize } from './tokens.js';

export type NoValueReason = 'incomplete' | 'division-by-zero' | 'unreadable' | 'syntax';

export type Evaluation =
  | { readonly value: number; readonly reason?: undefined }
  | { readonly value: null; readonly reason: NoValueReason };

class DivisionByZero extends Error {}

export function evaluate(text: string): Evaluation {
  const tokens = tokenize(text);
  if ('error' in tokens) return { value: null, reason: tokens.error };
  // An unreadable glyph makes the whole line unreadable, wherever it stands.
  if (tokens.some((t) => t.kind === '?')) return { value: null, reason: 'unreadable' };
  const tree = parse(tokens);
  if ('error' in tree) return { value: null, reason: tree.error };
  try {
    return { value: toNumber(exact(tree)) };
  } catch (error) {
    if (error instanceof DivisionByZero) return { value: null, reason: 'division-by-zero' };
    throw error;
  }
}

function exact(node: Node): Rational {
  switch (node.kind) {
    case 'number':
      return fromDecimal(node.text);
    case 'negate':
      return neg(exact(node.operand));
    case 'binary': {
      const left = exact(node.left);
      const right = exact(node.right);
      if (node.op === '+') return add(left, right);
      if (node.op === '-') return sub(left, right);
      if (node.op === '*') return mul(left, right);
      if (isZero(right)) throw new DivisionByZero();
      return div(left, right);
    }
  }
}
