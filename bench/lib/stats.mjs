// Order statistics over plain arrays of numbers (nearest-rank percentiles, no interpolation).

export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summary(values) {
  if (values.length === 0) return { n: 0, p50: null, p95: null, max: null, mean: null };
  let sum = 0;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
  }
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max,
    mean: sum / values.length,
  };
}

export const median = (values) => percentile(values, 50);

/** a / b, or null when either is missing or b is 0. */
export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : a / b;
}
