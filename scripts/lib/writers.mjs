// The fixed split of UNIPEN writers: a hash of "site/writer" puts 20 % of them in `holdout`.
// Models train on the others; benchmarks measure on these, whose writing the models never saw.
export function isHoldoutWriter(source, writer) {
  let hash = 0x811c9dc5;
  for (const ch of `${source}/${writer}`.toLowerCase())
    hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash % 100 < 20;
}
