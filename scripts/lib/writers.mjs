// The fixed split of UNIPEN writers. A hash of "site/writer" puts 20 % of them in `holdout`
// (models never train on them; benchmarks measure on them) and 10 % in `calib` (the reject
// threshold is calibrated on them). Every other writer of the sites in HELDOUT_SITES is in
// `site`, so whole sites stay unseen too; the rest is `train`.
export const HELDOUT_SITES = new Set(['apa', 'pri', 'cea', 'ceb', 'lou', 'kai']);
export const PARTS = ['train', 'calib', 'holdout', 'site'];

function writerHash(source, writer) {
  let hash = 0x811c9dc5;
  for (const ch of `${source}/${writer}`.toLowerCase())
    hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash % 100;
}

export function partOf(source, writer) {
  const hash = writerHash(source, writer);
  if (hash < 20) return 'holdout';
  if (HELDOUT_SITES.has(source)) return 'site';
  return hash < 30 ? 'calib' : 'train';
}

export const isHoldoutWriter = (source, writer) => partOf(source, writer) === 'holdout';
