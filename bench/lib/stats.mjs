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

/**
 * A 95% interval for the share of right items when items come in clusters (a writer's lines):
 * the percentile bootstrap over clusters. Composed lines reuse each writer's few samples of a
 * symbol, so lines are not independent, and one odd sample moves many of them; resampling
 * whole writers shows how far another draw of writers could move the share. `items` are
 * {cluster, right}; `random` a seeded generator in [0, 1). Returns [low, high].
 */
export function clusterInterval(items, random, rounds = 2000) {
  const clusters = new Map();
  for (const { cluster, right } of items) {
    const c = clusters.get(cluster) ?? { right: 0, n: 0 };
    c.right += right ? 1 : 0;
    c.n += 1;
    clusters.set(cluster, c);
  }
  const list = [...clusters.values()];
  if (list.length === 0) return [null, null];
  const shares = [];
  for (let r = 0; r < rounds; r++) {
    let right = 0;
    let n = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[Math.floor(random() * list.length)];
      right += c.right;
      n += c.n;
    }
    shares.push(right / n);
  }
  return [percentile(shares, 2.5), percentile(shares, 97.5)];
}
