// Where a model's missed lines went wrong, over every miss of a set (the JSON keeps only the
// first few): composed lines reuse each writer's few samples, so a count of misread glyphs says
// little until it says how many writers they came from.

/**
 * `misses` as bench:lines records them: `{ writer, wrong }`, where `wrong` lists the glyphs that
 * were split right but read wrong (`{ truth, read }`), and is missing when the line's glyphs could
 * not be matched to the truth. A miss with no such glyph was split wrong.
 */
export function missBreakdown(misses) {
  let split = 0;
  const pairs = new Map();
  for (const { writer, wrong } of misses) {
    if (!wrong?.length) {
      split++;
      continue;
    }
    for (const { truth, read } of wrong) {
      const pair = `${truth}→${read}`;
      if (!pairs.has(pair)) pairs.set(pair, { pair, glyphs: 0, writers: new Set() });
      const entry = pairs.get(pair);
      entry.glyphs++;
      entry.writers.add(writer);
    }
  }
  const misread = [...pairs.values()]
    .map(({ pair, glyphs, writers }) => ({ pair, glyphs, writers: writers.size }))
    .sort((a, b) => b.glyphs - a.glyphs || b.writers - a.writers || a.pair.localeCompare(b.pair));
  return { lines: misses.length, split, misread };
}

/** One log line: the split count, then the commonest misreadings with their writers. */
export function describeBreakdown({ lines, split, misread }, top = 5) {
  const pairs = misread
    .slice(0, top)
    .map(
      ({ pair, glyphs, writers }) =>
        `${pair} ${glyphs} (${writers} writer${writers > 1 ? 's' : ''})`,
    );
  const others = misread.length - top;
  const rest = others > 0 ? `, ${others} other pair${others > 1 ? 's' : ''}` : '';
  return `${lines} missed: ${split} split wrong${pairs.length ? `; ${pairs.join(', ')}` : ''}${rest}`;
}
