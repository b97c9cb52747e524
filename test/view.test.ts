import { expect } from '@open-wc/testing';
import type { Ink, InkPoint } from '../src/ink/ink.js';
import {
  fitView,
  followLine,
  fromView,
  hiddenSides,
  panLine,
  toView,
  WHOLE_PAD,
  type InkView,
} from '../src/ink/view.js';

// A pad three times as wide as it is tall: pad units span ±1.5 × ±0.5.
const [HW, HH, MARGIN] = [1.5, 0.5, 0.05];

/** A typed-like line of `n` bars 0.5 high, 0.42 apart, from the pad's left margin. */
function line(n: number): Ink {
  return Array.from({ length: n }, (_, i) => [
    { x: -1.35 + 0.42 * i, y: -0.25 },
    { x: -1.35 + 0.42 * i + 0.3, y: 0.25 },
  ]);
}

/** Whether `p` shows on the pad, at least `clear` pad units in from its edges. */
const shows = (view: InkView, p: InkPoint, clear = 0) => {
  const { x, y } = toView(view, p);
  return Math.abs(x) <= HW - clear + 1e-12 && Math.abs(y) <= HH - clear + 1e-12;
};

describe('the ink view', () => {
  it('is the whole pad while every point lies on it, for no ink, and for a pad of no size', () => {
    expect(fitView(line(7), HW, HH, MARGIN)).to.equal(WHOLE_PAD);
    // Ink touching the very edge stays as drawn: no zoom for a digit drawn up to the border.
    expect(
      fitView(
        [
          [
            { x: -1.5, y: -0.5 },
            { x: 1.5, y: 0.5 },
          ],
        ],
        HW,
        HH,
        MARGIN,
      ),
    ).to.equal(WHOLE_PAD);
    expect(fitView([], HW, HH, MARGIN)).to.equal(WHOLE_PAD);
    expect(fitView(line(30), 0, 0, MARGIN)).to.equal(WHOLE_PAD);
    expect(fitView(line(30), NaN, NaN, MARGIN)).to.equal(WHOLE_PAD);
  });

  it('zooms out to show a line longer than the pad, with its margin, the pad, and room to go on', () => {
    const ink = line(20);
    const view = fitView(ink, HW, HH, MARGIN);
    expect(view.scale).to.be.below(1);
    for (const p of ink.flat())
      expect(shows(view, p, MARGIN * view.scale), `${p.x}`).to.equal(true);
    // The pad's own area stays in view: nothing the writer saw is taken away.
    for (const [x, y] of [
      [-HW, -HH],
      [HW, HH],
    ])
      expect(shows(view, { x, y })).to.equal(true);
    // One ink height (0.5) of room right of the line, where the next glyph goes.
    const right = Math.max(...ink.flat().map((p) => p.x));
    expect(shows(view, { x: right + MARGIN + 0.5, y: 0 })).to.equal(true);
    // And no more than that: the line and its room fill the pad's width.
    expect(toView(view, { x: right + MARGIN + 0.5, y: 0 }).x).to.be.closeTo(HW, 1e-9);
  });

  it('zooms out for ink above or below the pad, as after a resize to a shorter pad', () => {
    const ink: Ink = [
      [
        { x: 0, y: -0.9 },
        { x: 0.2, y: 0.9 },
      ],
    ];
    const view = fitView(ink, HW, HH, MARGIN);
    expect(view.scale).to.be.below(1);
    for (const p of ink.flat()) expect(shows(view, p, MARGIN * view.scale)).to.equal(true);
  });

  it('holds the current view while the ink lies in it, and goes back to the whole pad once it fits', () => {
    const zoomed = fitView(line(20), HW, HH, MARGIN);
    // A stroke written in the room keeps the view: nothing moves under the pen.
    const right = Math.max(
      ...line(20)
        .flat()
        .map((p) => p.x),
    );
    const more = [
      ...line(20),
      [
        { x: right + 0.2, y: -0.2 },
        { x: right + 0.3, y: 0.2 },
      ],
    ];
    expect(fitView(more, HW, HH, MARGIN, zoomed)).to.equal(zoomed);
    // Ink past the current view zooms out further.
    const longer = fitView(line(40), HW, HH, MARGIN, zoomed);
    expect(longer.scale).to.be.below(zoomed.scale);
    // Undone back to a line that fits: the pad as it was.
    expect(fitView(line(5), HW, HH, MARGIN, longer)).to.equal(WHOLE_PAD);
  });

  it('moves along a hand-written line whose end nears the right edge, and holds while its end shows', () => {
    // Seven bars end 0.03 from the right edge, under a glyph height (0.5) of room: it moves.
    const ink = line(7);
    const right = Math.max(...ink.flat().map((p) => p.x));
    expect(followLine(line(5), HW, HH, WHOLE_PAD), 'room left').to.equal(WHOLE_PAD);
    const moved = followLine(ink, HW, HH, WHOLE_PAD);
    expect(moved.scale, 'moved, not zoomed').to.equal(1);
    // A third of the pad (1 pad unit here, two glyph heights) is free after the line's end.
    expect(toView(moved, { x: right, y: 0 }).x).to.be.closeTo(HW - 1, 1e-12);
    // Its start is out of view on the left, and that holds while its end shows...
    expect(shows(moved, ink[0][0])).to.equal(false);
    const more = line(9);
    expect(fitView(more, HW, HH, MARGIN, moved, true)).to.equal(moved);
    // ...a stroke added on the pad's own area included (a late bar), where nothing jumps back.
    const bar = [
      ...more,
      [
        { x: 0, y: -0.3 },
        { x: 0.2, y: -0.3 },
      ],
    ];
    expect(fitView(bar, HW, HH, MARGIN, moved, true)).to.equal(moved);
    // Undone to a line whose end is out of view: the whole pad again.
    expect(fitView(line(2), HW, HH, MARGIN, moved, true)).to.equal(WHOLE_PAD);
    // A view not moved along a line (a typed line's) zooms out for the same ink instead.
    expect(fitView(more, HW, HH, MARGIN, moved).scale).to.be.below(1);
    // A zoomed-out view (a typed line) already has room: it is not moved.
    const zoomed = fitView(line(20), HW, HH, MARGIN);
    expect(followLine(line(20), HW, HH, zoomed)).to.equal(zoomed);
  });

  it('moves back and forth along a line within its span, and stays where a correction is written', () => {
    // Twelve bars, followed to their end: the view shows the last few.
    const ink = line(12);
    const [left, right] = [ink[0][0].x, Math.max(...ink.flat().map((p) => p.x))];
    const end = followLine(ink, HW, HH, WHOLE_PAD);
    expect(end.x).to.be.above(0);
    // Back by a pad unit, then to the start: the first bar shows, with the margin before it.
    const back = panLine(ink, HW, HH, MARGIN, end, -1);
    expect(back.x).to.be.closeTo(end.x - 1, 1e-12);
    const start = panLine(ink, HW, HH, MARGIN, back, 'start');
    expect(shows(start, { x: left - MARGIN, y: 0 })).to.equal(true);
    expect(shows(start, { x: right, y: 0 })).to.equal(false);
    // No further back than that, nor further on than where following the line puts it.
    expect(panLine(ink, HW, HH, MARGIN, start, -5)).to.equal(start);
    expect(panLine(ink, HW, HH, MARGIN, start, 'end')).to.deep.equal(end);
    expect(panLine(ink, HW, HH, MARGIN, start, 100)).to.deep.equal(end);
    expect(panLine(ink, HW, HH, MARGIN, end, 'end')).to.equal(end);
    // What lies out of view, on which side.
    expect(hiddenSides(ink, HW, end)).to.deep.equal({ left: true, right: false });
    expect(hiddenSides(ink, HW, start)).to.deep.equal({ left: false, right: true });
    expect(hiddenSides(ink, HW, { scale: 1, x: 1.5, y: 0 })).to.deep.equal({
      left: true,
      right: true,
    });
    expect(hiddenSides(line(5), HW, WHOLE_PAD)).to.deep.equal({ left: false, right: false });
    const zoomedOut = fitView(line(20), HW, HH, MARGIN);
    expect(hiddenSides(line(20), HW, zoomedOut)).to.deep.equal({ left: false, right: false });
    // A line that starts on the pad goes back to the pad's own place, and no further.
    const short = followLine(line(7), HW, HH, WHOLE_PAD);
    expect(panLine(line(7), HW, HH, MARGIN, short, 'start')).to.deep.equal(WHOLE_PAD);
    // Nothing to move: no ink, or a zoomed-out view, which shows the whole line already.
    expect(panLine([], HW, HH, MARGIN, end, -1)).to.equal(end);
    const zoomed = fitView(line(20), HW, HH, MARGIN);
    expect(panLine(line(20), HW, HH, MARGIN, zoomed, -1)).to.equal(zoomed);
    // A stroke written back at the start keeps the view there, with the line's end out of
    // view; and it is no reason to follow the line back to its end.
    const corrected = [
      ...ink,
      [
        { x: left + 0.1, y: -0.3 },
        { x: left + 0.25, y: -0.3 },
      ],
    ];
    expect(fitView(corrected, HW, HH, MARGIN, start, true)).to.equal(start);
    expect(followLine(corrected, HW, HH, start)).to.equal(start);
    // Written at the end again, after moving back there, the line is followed on.
    expect(followLine([...corrected, ...line(14).slice(12)], HW, HH, end).x).to.be.above(end.x);
  });

  it('maps pad units to the view and back', () => {
    const view = fitView(line(20), HW, HH, MARGIN);
    for (const p of [
      { x: 0, y: 0 },
      { x: 4.2, y: -0.3 },
      { x: -1.5, y: 0.5 },
    ]) {
      const back = fromView(view, toView(view, p));
      expect(back.x).to.be.closeTo(p.x, 1e-12);
      expect(back.y).to.be.closeTo(p.y, 1e-12);
    }
    expect(toView(WHOLE_PAD, { x: 0.7, y: -0.2 })).to.deep.equal({ x: 0.7, y: -0.2 });
  });
});
