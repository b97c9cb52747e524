// UNIPEN samples that are no pen ink: a few of one site's "." and ":" (and a "%") are three to
// eight points, one of them a jump across four to nine of the writer's digit heights. A tablet
// samples the pen at 100 Hz or more, and across the whole corpus no other glyph moves more than
// 1.05 digit heights between two samples; these move 1.9 to 8.9. Rendered, they are long straight
// lines labelled ".", which would teach a model and a benchmark that a "." can be a slash.

/** Largest plausible step between two consecutive pen samples, in the writer's digit heights. */
const MAX_STEP = 1.5;

const writerKey = (s) => `${s.source}/${s.writer}`;

function height(strokes) {
  const ys = strokes.flat().map((p) => p[1]);
  return Math.max(...ys) - Math.min(...ys);
}

function longestStep(strokes) {
  let longest = 0;
  for (const stroke of strokes)
    for (let i = 1; i < stroke.length; i++)
      longest = Math.max(
        longest,
        Math.hypot(stroke[i][0] - stroke[i - 1][0], stroke[i][1] - stroke[i - 1][1]),
      );
  return longest;
}

/**
 * A predicate that is true for the samples (UNIPEN JSON Lines objects) that are no ink, judged
 * against each writer's median digit height among `samples` (labels 0-9). A writer with no
 * digits there is not judged.
 */
export function notInk(samples) {
  const heights = new Map();
  for (const s of samples) {
    if (!/^[0-9]$/.test(s.label)) continue;
    if (!heights.has(writerKey(s))) heights.set(writerKey(s), []);
    heights.get(writerKey(s)).push(height(s.strokes));
  }
  const median = new Map(
    [...heights].map(([key, hs]) => [key, hs.sort((a, b) => a - b)[hs.length >> 1]]),
  );
  return (s) => {
    const digitHeight = median.get(writerKey(s));
    return digitHeight > 0 && longestStep(s.strokes) > MAX_STEP * digitHeight;
  };
}
