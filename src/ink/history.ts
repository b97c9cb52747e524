/**
 * The committed ink as a history of whole states, one step per stroke, clear or typed glyph, with
 * undo and redo. Strokes get ids that are never reused, so a reader can cache what it made of a
 * stroke, and undo and redo bring back the same ids.
 */
import type { Ink, Stroke } from './ink.js';
import type { InputSource } from '../workers/protocol.js';

/** A committed stroke with its identity and timing, as the line reader needs them. */
export interface RecordedStroke {
  /** Never reused within the history's life; undo and redo bring back the same id. */
  readonly id: number;
  readonly points: Stroke;
  /** Event time (ms) of the first and last report; synthetic for typed glyphs. */
  readonly start: number;
  readonly end: number;
}

/** One step of the history: the whole ink after it, and where that change came from. */
export interface InkState {
  readonly strokes: readonly RecordedStroke[];
  readonly ink: Ink;
  readonly source: InputSource;
}

/** Undo steps kept; older states are dropped so a long session does not grow without bound. */
export const UNDO_DEPTH = 100;
/**
 * Typed glyphs get synthetic times: strokes of one glyph this far apart (ms), and glyphs at least
 * a human keystroke apart, so a reader that groups strokes by time sees them as a writer's.
 */
export const TYPED_STROKE_MS = 120;
export const TYPED_GLYPH_GAP_MS = 600;

const EMPTY: InkState = { strokes: [], ink: [], source: 'ink' };

export class InkHistory {
  /** Committed states, oldest first; the last one is the current ink. */
  private past: InkState[] = [EMPTY];
  /** States undone, most recently undone last. */
  private future: InkState[] = [];
  private nextId = 0;
  /** The latest end time of any stroke recorded: typed glyphs come after it. */
  private lastEnd = -Infinity;

  get current(): InkState {
    return this.past[this.past.length - 1];
  }

  get canUndo(): boolean {
    return this.past.length > 1;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** A stroke id that no stroke has had. */
  newId(): number {
    return this.nextId++;
  }

  /** Steps back; false if there was nothing to undo. */
  undo(): boolean {
    if (!this.canUndo) return false;
    this.future.push(this.past.pop()!);
    return true;
  }

  /** Steps forward again; false if there was nothing undone. */
  redo(): boolean {
    if (!this.canRedo) return false;
    this.past.push(this.future.pop()!);
    return true;
  }

  /** Makes `strokes` the current ink, as one step; what was undone can no longer be redone. */
  record(strokes: readonly RecordedStroke[], source: InputSource): void {
    this.past.push({ strokes, ink: strokes.map((s) => s.points), source });
    if (this.past.length > UNDO_DEPTH + 1) this.past.shift();
    this.future = [];
    for (const s of strokes) this.lastEnd = Math.max(this.lastEnd, s.end);
  }

  /** Typed ink as strokes with new ids, timed after everything recorded and not before `now`. */
  typed(ink: Ink, now: number): RecordedStroke[] {
    const base = Math.max(now, this.lastEnd + TYPED_GLYPH_GAP_MS);
    return ink.map((points, i) => {
      const start = base + i * TYPED_STROKE_MS;
      return { id: this.newId(), points, start, end: start + TYPED_STROKE_MS / 2 };
    });
  }
}
