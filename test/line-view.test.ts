import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FOLLOW_PAUSE_MS } from '../src/controllers/ink-view.js';
import { drawStrokes, pointerOr, replay } from './support/draw.js';
import { bar, boxRects, inkedNear } from './support/long-line.js';
import { canvasOf, inkBounds, nextFrame, readyPad, surfaceOf } from './support/pad.js';

describe('<digit-pad> shows all of its ink', () => {
  it('zooms out for a typed line longer than the pad, and a stroke drawn there lands under the pen', async () => {
    const pad = await readyPad(
      html`<digit-pad mode="number" style="width: 360px; height: 120px"></digit-pad>`,
    );
    const canvas = canvasOf(pad);
    surfaceOf(pad).focus();
    // Typed glyphs go right of the ink; these twenty are about three pads long.
    await sendKeys({ type: '12345678901234567890' });
    const typed = (await pad.whenSettled())!;
    expect(typed.reading.cnn.text).to.equal('12345678901234567890');
    await nextFrame();
    const rect = canvas.getBoundingClientRect();
    const ink = inkBounds(canvas);
    // All of it painted, none of it cut off at the pad's edge.
    expect(ink.left, 'left').to.be.above(rect.left + 1);
    expect(ink.right, 'right').to.be.below(rect.right - 2);
    expect(ink.top, 'top').to.be.above(rect.top + 1);
    expect(ink.bottom, 'bottom').to.be.below(rect.bottom - 1);
    const boxes = await boxRects(pad);
    expect(boxes).to.have.length(20);
    expect(pad.view.scale, 'zoomed out').to.be.below(0.8);
    for (const box of boxes) {
      expect(box.left).to.be.at.least(rect.left);
      expect(box.right).to.be.at.most(rect.right);
    }

    // A bar drawn in the room left right of the line: painted, boxed and read where it was drawn.
    const x = (ink.right + rect.right) / 2;
    const [y0, y1] = [rect.top + rect.height * 0.3, rect.top + rect.height * 0.7];
    const typedStrokes = pad.strokes.length;
    await replay(await pointerOr('pen'), bar(x, y0, y1));
    await waitUntil(() => pad.strokes.length === typedStrokes + 1, 'the stroke was recorded');
    const drawn = (await pad.whenSettled())!;
    expect(drawn.glyphs).to.have.length(21);
    const after = await boxRects(pad);
    // The view held still: the typed glyphs' boxes did not move.
    after.slice(0, 20).forEach((box, i) => expect(box.left).to.be.closeTo(boxes[i].left, 0.5));
    const last = after[20];
    expect(last.left).to.be.below(x);
    expect(last.right).to.be.above(x);
    expect(last.top).to.be.below(y0);
    expect(last.bottom).to.be.above(y1);
    expect(inkedNear(canvas, x, (y0 + y1) / 2), 'painted under the pen').to.equal(true);

    // Undone back to a line that fits, the pad shows its ink as drawn, unzoomed.
    for (let i = 0; i < 20; i++) pad.undo();
    await pad.whenSettled();
    const [one] = await boxRects(pad);
    const first = pad.strokes[0].points;
    const unit = Math.min(rect.width, rect.height);
    const left = rect.left + rect.width / 2 + Math.min(...first.map((p) => p.x)) * unit;
    expect(one.left).to.be.below(left);
    expect(one.left).to.be.above(left - 0.2 * unit);
  });

  it('zooms out for ink kept through a change to a narrower pad, and back in when it widens', async () => {
    const pad = await readyPad(html`<digit-pad mode="number" style="width: 480px"></digit-pad>`);
    const canvas = canvasOf(pad);
    // Two bars, near the right and left ends of the wide pad. Written right to left, the last
    // stroke is no line's end, so the view never follows it, however slow the machine.
    await drawStrokes(
      surfaceOf(pad),
      [
        [
          [60, 0],
          [60, 10],
        ],
        [
          [0, 0],
          [0, 10],
        ],
      ],
      { pointerType: await pointerOr('pen'), line: true, margin: 0.05 },
    );
    await pad.whenSettled();
    await nextFrame();
    const wide = inkBounds(canvas);
    // Pad units follow the shorter side: only a change of shape can put ink past an edge.
    pad.style.setProperty('--digit-pad-aspect-ratio', '1.5');
    await waitUntil(() => canvas.getBoundingClientRect().height > 250, 'resized');
    await nextFrame();
    await nextFrame();
    const rect = canvas.getBoundingClientRect();
    const narrow = inkBounds(canvas);
    expect(narrow.left, 'left').to.be.above(rect.left + 1);
    expect(narrow.right, 'right').to.be.below(rect.right - 1);
    pad.style.removeProperty('--digit-pad-aspect-ratio');
    await waitUntil(() => canvas.getBoundingClientRect().height < 200, 'resized back');
    await nextFrame();
    await nextFrame();
    const back = inkBounds(canvas);
    expect(back.left).to.be.closeTo(wide.left, 1);
    expect(back.right).to.be.closeTo(wide.right, 1);
  });

  it('holds still in digit mode, where a glyph may well end near the right edge', async () => {
    const pad = await readyPad(html`<digit-pad style="width: 200px"></digit-pad>`);
    const canvas = canvasOf(pad);
    const rect = canvas.getBoundingClientRect();
    await replay(await pointerOr('pen'), bar(rect.right - 8, rect.top + 40, rect.bottom - 40));
    await waitUntil(() => pad.strokes.length === 1, 'the stroke was recorded');
    await pad.whenSettled();
    // Painting waits for a frame after the last pen report.
    await nextFrame();
    const drawn = inkBounds(canvas);
    expect(rect.right - drawn.right, 'near the edge').to.be.below(12);
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_PAUSE_MS + 300));
    // A repaint may move the anti-aliased edge by a pixel; a move would be a third of the pad.
    const still = inkBounds(canvas);
    for (const side of ['left', 'right', 'top', 'bottom'] as const) {
      expect(still[side], side).to.be.closeTo(drawn[side], 1.5);
    }
  });
});
