/**
 * Recursive-descent parser for one line: usual precedence, parentheses, unary minus, decimals
 * and an optional trailing "=".
 *
 *   line    := expr "="? end
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/") unary)*
 *   unary   := "-" unary | primary
 *   primary := number | "(" expr ")"
 *
 * Running out of tokens where more must come ("12+", "(3", "1.") is `incomplete`, since the user
 * is still writing; anything else that does not fit is `syntax`.
 */
import type { Operator, Token } from './tokens.js';

export type Node =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'negate'; readonly operand: Node }
  | { readonly kind: 'binary'; readonly op: Operator; readonly left: Node; readonly right: Node };

export type ParseFailure = 'incomplete' | 'syntax';

class Failure extends Error {
  constructor(readonly reason: ParseFailure) {
    super(reason);
  }
}

export function parse(tokens: readonly Token[]): Node | { readonly error: ParseFailure } {
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const fail = (): never => {
    throw new Failure(at >= tokens.length ? 'incomplete' : 'syntax');
  };
  const isOp = (t: Token | undefined, ...ops: Operator[]): t is Token & { kind: 'operator' } =>
    t?.kind === 'operator' && ops.includes(t.op);

  function expr(): Node {
    let left = term();
    for (let t = peek(); isOp(t, '+', '-'); t = peek()) {
      at++;
      left = { kind: 'binary', op: t.op, left, right: term() };
    }
    return left;
  }
  function term(): Node {
    let left = unary();
    for (let t = peek(); isOp(t, '*', '/'); t = peek()) {
      at++;
      left = { kind: 'binary', op: t.op, left, right: unary() };
    }
    return left;
  }
  function unary(): Node {
    if (isOp(peek(), '-')) {
      at++;
      return { kind: 'negate', operand: unary() };
    }
    return primary();
  }
  function primary(): Node {
    const t = peek();
    if (t?.kind === 'number') {
      at++;
      // A number that ends in a point is a decimal still being written, if nothing follows it.
      if (!/[0-9]$/.test(t.text)) fail();
      return { kind: 'number', text: t.text };
    }
    if (t?.kind === '(') {
      at++;
      const inner = expr();
      if (peek()?.kind !== ')') fail();
      at++;
      return inner;
    }
    return fail();
  }

  try {
    if (tokens.length === 0) return { error: 'incomplete' };
    const tree = expr();
    if (peek()?.kind === '=') at++;
    if (at < tokens.length) throw new Failure('syntax');
    return tree;
  } catch (error) {
    if (error instanceof Failure) return { error: error.reason };
    throw error;
  }
}
