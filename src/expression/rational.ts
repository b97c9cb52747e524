/**
 * Exact rational arithmetic on BigInt, so that "0.1+0.2=" is 0.3 and "1/3*3=" is 1: a reading
 * must not show float noise. Values stay normalised (gcd 1, positive denominator).
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/** "12.50" -> 25/2. The text must be digits with at most one point. */
export function fromDecimal(text: string): Rational {
  const [whole, fraction = ''] = text.split('.');
  return rational(BigInt((whole || '0') + fraction), 10n ** BigInt(fraction.length));
}

export const add = (a: Rational, b: Rational) =>
  rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational) =>
  rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational) => rational(a.num * b.num, a.den * b.den);
export const neg = (a: Rational): Rational => ({ num: -a.num, den: a.den });
export const isZero = (a: Rational) => a.num === 0n;
/** The caller checks for a zero divisor. */
export const div = (a: Rational, b: Rational) => rational(a.num * b.den, a.den * b.num);

/** The nearest double, via 20 significant decimal digits (Number(num)/Number(den) overflows). */
export function toNumber({ num, den }: Rational): number {
  const negative = num < 0n;
  let n = negative ? -num : num;
  const whole = n / den;
  n %= den;
  const digits = whole.toString();
  let fraction = '';
  for (let i = 0; n && i < Math.max(0, 21 - digits.length); i++) {
    n *= 10n;
    fraction += (n / den).toString();
    n %= den;
  }
  return Number(`${negative ? '-' : ''}${digits}.${fraction || '0'}`);
}
