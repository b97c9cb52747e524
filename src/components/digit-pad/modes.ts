import { warnOnce } from '../../internal/warn-once.js';
import type { PadMode } from '../../workers/protocol.js';

export const MODES: readonly PadMode[] = ['digit', 'number', 'expression'];

/** `mode` if it is one of MODES, else digit mode, with one warning per element. */
export function validMode(element: object, mode: PadMode | null | undefined): PadMode {
  const wanted = mode ?? 'digit';
  if (MODES.includes(wanted)) return wanted;
  warnOnce(
    element,
    'mode',
    `mode="${wanted}" is invalid (expected ${MODES.join(', ')}); using digit.`,
  );
  return 'digit';
}

/** What the pad's hidden help text says about each mode. */
export const HELP: Readonly<Record<PadMode, string>> = {
  digit: 'Draw a digit with a mouse, finger or pen, or type a digit key.',
  number: 'Write a number from left to right with a mouse, finger or pen, or type its digits.',
  expression:
    'Write a sum such as 12+7= from left to right with a mouse, finger or pen, or type it: digits, + - * / = ( ) and the point.',
};

/** Keys that type a symbol in expression mode, beyond the symbols themselves. */
const KEY_ALIASES: Readonly<Record<string, string>> = {
  x: '*',
  X: '*',
  '×': '*',
  ':': '/',
  '÷': '/',
  '−': '-',
};

/**
 * The symbol a key types in a mode: a digit in every mode, an operator (as the reader spells it)
 * in expression mode; null when the mode takes no such key. Whether an operator can be drawn is
 * the glyphs' business.
 */
export function typedSymbol(mode: PadMode, key: string): string | null {
  if (/^[0-9]$/.test(key)) return key;
  return mode === 'expression' ? (KEY_ALIASES[key] ?? key) : null;
}
