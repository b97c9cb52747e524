// Ink the corpus lacks, composed from a part's own real strokes for scripts/pen-data.mjs
// --compose: "÷" (no sample exists), scribbles (a non-symbol), and with --flagged-ones "1"s with
// a flag and a foot (a shape MNIST hardly has, which the models read as "7" or "2"), and with
// --jitter-strokes real glyphs of several strokes with each stroke moved a little.

/** A seeded random number generator in [0, 1). */
export function seeded(seed) {
  return () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

function box(strokes) {
  const xs = strokes.flat().map((p) => p[0]);
  const ys = strokes.flat().map((p) => p[1]);
  const [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  return { x0, y0, x1, y1, w: x1 - x0, h: y1 - y0 };
}

/** `strokes` scaled by `k` and moved so that their box centre lands on (cx, cy). */
function place(strokes, k, cx, cy) {
  const b = box(strokes);
  const [mx, my] = [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
  return strokes.map((stroke) => stroke.map(([x, y]) => [(x - mx) * k + cx, (y - my) * k + cy]));
}

/**
 * "÷" has no sample, so each real "-" gets two real "." of the same writer (else of the same
 * site, which shares the tablet's scale): one centred above the bar and one below, each at a
 * distance of 0.25–0.5 bar lengths, with a small sideways jitter.
 */
function composeDivides(pool) {
  const random = seeded(20261201);
  const dots = pool.filter((s) => s.label === '.');
  const bars = pool.filter((s) => s.label === '-');
  return bars.flatMap((bar) => {
    let mine = dots.filter((d) => d.source === bar.source && d.writer === bar.writer);
    if (mine.length === 0) mine = dots.filter((d) => d.source === bar.source);
    if (mine.length === 0) return [];
    const pick = () => mine[Math.floor(random() * mine.length)].strokes;
    const b = box(bar.strokes);
    const [cx, cy] = [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
    const gap = () => b.w * (0.25 + 0.25 * random());
    const jitter = () => b.w * 0.1 * (random() - 0.5);
    const strokes = [
      ...place(pick(), 1, cx + jitter(), cy - gap()),
      ...bar.strokes,
      ...place(pick(), 1, cx + jitter(), cy + gap()),
    ];
    return [{ ...bar, id: `${bar.id}÷`, label: '÷', strokes }];
  });
}

/**
 * Scribbles (crossed-out or overwritten ink), a non-symbol the corpus lacks: three real glyphs
 * of the part (digits or symbols, never a bare "." or "-"), scaled to the same height and
 * overlaid with their centres up to a third of that height apart. Half as many as the part has
 * symbol samples.
 */
function composeScribbles(pool) {
  const random = seeded(20261202);
  const parts = pool.filter((s) => s.label !== '.' && s.label !== '-');
  const count = Math.round(pool.filter((s) => !/^[0-9]$/.test(s.label)).length / 2);
  return Array.from({ length: parts.length ? count : 0 }, (_, n) => {
    const picks = [0, 1, 2].map(() => parts[Math.floor(random() * parts.length)]);
    const strokes = picks.flatMap((p) => {
      const b = box(p.strokes);
      const k = 100 / Math.max(b.h, b.w, 1);
      return place(p.strokes, k, 100 * (random() - 0.5) * 0.66, 100 * (random() - 0.5) * 0.66);
    });
    const first = picks[0];
    return {
      id: `scribble#${first.part}#${n}`,
      source: first.source,
      writer: first.writer,
      part: first.part,
      label: 'scribble',
      strokes,
    };
  });
}

/**
 * A "1" written with a flag (and, two times in five, a foot), as much of Europe writes it:
 * each plain one-stroke "1" of the part (at most a quarter as wide as tall, written top down)
 * gets a straight flag leading into the top of its stroke, 20–40% of its height long and 25–60°
 * below the horizontal, and maybe a separate foot under it, 30–60% of its height wide. Real
 * flagged "1"s are about a quarter of the corpus's, but few in MNIST, and the models read them
 * as "7" or "2" (models/README.md).
 */
export function composeFlaggedOnes(pool) {
  const random = seeded(20261203);
  const plain = pool.filter((s) => {
    if (s.label !== '1' || s.strokes.length !== 1 || s.strokes[0].length < 3) return false;
    const b = box(s.strokes);
    const [first, last] = [s.strokes[0][0], s.strokes[0].at(-1)];
    return b.h > 0 && b.w < 0.25 * b.h && first[1] < last[1];
  });
  return plain.map((one) => {
    const stem = one.strokes[0];
    const b = box(one.strokes);
    const step = Math.max(b.h / (stem.length - 1), 1);
    const segment = ([x0, y0], [x1, y1]) => {
      const n = Math.max(2, Math.round(Math.hypot(x1 - x0, y1 - y0) / step));
      return Array.from({ length: n }, (_, i) => [
        x0 + ((x1 - x0) * i) / n,
        y0 + ((y1 - y0) * i) / n,
      ]);
    };
    const length = b.h * (0.2 + 0.2 * random());
    const angle = ((25 + 35 * random()) * Math.PI) / 180;
    const [tx, ty] = stem[0];
    const flag = segment([tx - length * Math.cos(angle), ty + length * Math.sin(angle)], [tx, ty]);
    const strokes = [[...flag, ...stem]];
    if (random() < 0.4) {
      const [bx, by] = stem.at(-1);
      const width = b.h * (0.3 + 0.3 * random());
      const centre = bx + width * 0.2 * (random() - 0.5);
      const tilt = width * Math.tan(((random() - 0.5) * 8 * Math.PI) / 180);
      const y = by + b.h * 0.03 * random();
      const [from, to] = [
        [centre - width / 2, y - tilt / 2],
        [centre + width / 2, y + tilt / 2],
      ];
      strokes.push([...segment(from, to), to]);
    }
    return { ...one, id: `${one.id}⚑`, label: 'flagged 1', strokes };
  });
}

/**
 * Real glyphs of two or more strokes (a "4", a "5", "=", "x"), each stroke moved, turned and
 * scaled a little about its own centre: up to 7% of the glyph's size, 8° and 10%. Writers place a
 * glyph's strokes differently each time, and the image warps of training move them all together.
 * "%", "#" and "." keep their shape; the label says where the ink came from ("jittered 4").
 */
export function composeJittered(pool) {
  const random = seeded(20261204);
  const between = (lo, hi) => lo + (hi - lo) * random();
  const glyphs = pool.filter((s) => s.strokes.length > 1 && !['%', '#', '.'].includes(s.label));
  return glyphs.map((glyph) => {
    const b = box(glyph.strokes);
    const size = Math.max(b.w, b.h, 1);
    const strokes = glyph.strokes.map((stroke) => {
      const own = box([stroke]);
      const [cx, cy] = [(own.x0 + own.x1) / 2, (own.y0 + own.y1) / 2];
      const [dx, dy] = [between(-0.07, 0.07) * size, between(-0.07, 0.07) * size];
      const turn = (between(-8, 8) * Math.PI) / 180;
      const k = between(0.9, 1.1);
      const [cos, sin] = [Math.cos(turn) * k, Math.sin(turn) * k];
      return stroke.map(([x, y]) => [
        cx + dx + (x - cx) * cos - (y - cy) * sin,
        cy + dy + (x - cx) * sin + (y - cy) * cos,
      ]);
    });
    return { ...glyph, id: `${glyph.id}~`, label: `jittered ${glyph.label}`, strokes };
  });
}

/**
 * All the ink composed from one part's own samples, so no writer's strokes cross parts. Flagged
 * "1"s only on request: no shipped model was trained on them (models/README.md, "Flagged 1s").
 */
export function compose(pool, { flaggedOnes = false, jitter = false } = {}) {
  return [
    ...composeDivides(pool),
    ...composeScribbles(pool),
    ...(flaggedOnes ? composeFlaggedOnes(pool) : []),
    ...(jitter ? composeJittered(pool) : []),
  ];
}
