/**
 * Glyphs cross the worker boundary once. A result names each glyph that is the very object the
 * previous result of the same generation held by its index there (`SentGlyph`), so a pen report
 * costs a message the size of what changed, not of the whole line. The line reader keeps a
 * glyph's object while nothing in it changes (read-line.ts), and never changes one it has
 * returned.
 *
 * Both ends keep the last list per generation. Results reach the main thread in the order they
 * were posted, and it expands every result of its current generation, so the two lists agree; a
 * result of another generation (posted before the worker saw a newer load) refers to nothing.
 */
import type { GlyphResult, SentGlyph } from './protocol.js';

interface Last {
  readonly generation: number;
  readonly glyphs: readonly GlyphResult[];
}

const NONE: Last = { generation: Number.NaN, glyphs: [] };

/** The worker's end: what to post for `glyphs`. */
export class GlyphSender {
  private last = NONE;

  encode(generation: number, glyphs: readonly GlyphResult[]): SentGlyph[] {
    const previous = this.last.generation === generation ? this.last.glyphs : [];
    const index = new Map(previous.map((glyph, i) => [glyph, i]));
    this.last = { generation, glyphs };
    return glyphs.map((glyph) => index.get(glyph) ?? glyph);
  }
}

/** The main thread's end: the glyphs a posted result stands for. */
export class GlyphReceiver {
  private last = NONE;

  decode(generation: number, sent: readonly SentGlyph[]): GlyphResult[] {
    const previous = this.last.generation === generation ? this.last.glyphs : [];
    const glyphs = sent.map((glyph) => {
      if (typeof glyph !== 'number') return glyph;
      if (!previous[glyph]) throw new Error(`Result refers to glyph ${glyph}, never received`);
      return previous[glyph];
    });
    this.last = { generation, glyphs };
    return glyphs;
  }
}
