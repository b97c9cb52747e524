/** How a screen reader should say each symbol a pad can read; digits say themselves. */
const SPOKEN: Readonly<Record<string, string>> = {
  '+': 'plus',
  '-': 'minus',
  '*': 'times',
  '/': 'divided by',
  '=': 'equals',
  '(': 'open parenthesis',
  ')': 'close parenthesis',
  '.': 'point',
  '?': 'unreadable',
};

export function spokenSymbol(symbol: string): string {
  return Object.hasOwn(SPOKEN, symbol) ? SPOKEN[symbol] : symbol;
}

/** "12+7=" as "12 plus 7 equals": digits stay together, so numbers are read as numbers. */
export function spokenText(text: string): string {
  return text
    .split(/([0-9.]+)/)
    .flatMap((part) =>
      /^[0-9.]+$/.test(part) && part !== '.' ? [part] : [...part].map(spokenSymbol),
    )
    .filter(Boolean)
    .join(' ');
}
