import { expect } from '@open-wc/testing';
import {
  InkHistory,
  TYPED_GLYPH_GAP_MS,
  TYPED_STROKE_MS,
  UNDO_DEPTH,
  type RecordedStroke,
} from '../src/ink/history.js';
import type { Stroke } from '../src/ink/ink.js';

const dot = (x: number): Stroke => [{ x, y: 0 }];

/** A drawn stroke with a new id, written from `start` to `end` ms. */
function drawn(history: InkHistory, x: number, start: number, end: number): RecordedStroke {
  return { id: history.newId(), points: dot(x), start, end };
}

describe('ink history', () => {
  it('undoes and redoes whole states, and forgets what was undone once something new is recorded', () => {
    const history = new InkHistory();
    expect(history.canUndo).to.be.false;
    const a = drawn(history, 0, 0, 10);
    const b = drawn(history, 1, 20, 30);
    history.record([a], 'ink');
    history.record([a, b], 'keyboard');
    expect(history.undo()).to.be.true;
    expect(history.current.strokes).to.deep.equal([a]);
    expect(history.current.ink).to.deep.equal([a.points]);
    expect(history.redo()).to.be.true;
    expect(history.current.source).to.equal('keyboard');
    history.undo();
    history.record([a, drawn(history, 2, 40, 50)], 'ink');
    expect(history.canRedo).to.be.false;
    expect(history.redo()).to.be.false;
    history.undo();
    history.undo();
    expect(history.current.strokes).to.deep.equal([]);
    expect(history.undo()).to.be.false;
  });

  it(`keeps ${UNDO_DEPTH} steps back, no more`, () => {
    const history = new InkHistory();
    const strokes: RecordedStroke[] = [];
    for (let i = 0; i < UNDO_DEPTH + 20; i++) {
      strokes.push(drawn(history, i, i * 10, i * 10 + 5));
      history.record([...strokes], 'ink');
    }
    let steps = 0;
    while (history.undo()) steps++;
    expect(steps).to.equal(UNDO_DEPTH);
    expect(history.current.strokes).to.have.length(20);
  });

  it('gives typed strokes new ids, after the last stroke by a keystroke, a stroke gap apart', () => {
    const history = new InkHistory();
    const a = drawn(history, 0, 1000, 5000);
    history.record([a], 'ink');
    const typed = history.typed([dot(1), dot(2)], 2000);
    expect(typed.map((s) => s.id)).to.deep.equal([a.id + 1, a.id + 2]);
    expect(typed[0].start).to.equal(5000 + TYPED_GLYPH_GAP_MS);
    expect(typed[1].start - typed[0].start).to.equal(TYPED_STROKE_MS);
    expect(typed[0].end).to.be.greaterThan(typed[0].start).and.lessThan(typed[1].start);
    // Long after the last stroke, typing happens now.
    expect(history.typed([dot(3)], 90_000)[0].start).to.equal(90_000);
  });

  it('never hands out an id twice, whatever is undone', () => {
    const history = new InkHistory();
    const a = drawn(history, 0, 0, 1);
    history.record([a], 'ink');
    history.undo();
    expect(history.newId()).to.not.equal(a.id);
  });
});
