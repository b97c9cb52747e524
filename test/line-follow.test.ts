import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FOLLOW_PAUSE_MS } from '../src/controllers/ink-view.js';
import {
  multiTouch,
  pointerOr,
  replay,
  requireInput,
  wheel,
  type FingerStep,
} from './support/draw.js';
import type { ViewChangeEvent } from '../src/events/view-change-event.js';
import type { InkView } from '../src/ink/view.js';
import { bar, boxRects, followed, inkedNear, writeOnes } from './support/long-line.js';
import { canvasOf, nextFrame, readyPad, surfaceOf } from './support/pad.js';

describe('<digit-pad> follows a line longer than the pad', () => {
  it('moves along a hand-written line once the pen rests near the right edge; the next glyph lands in the room', async () => {
    const pad = await readyPad(html`<digit-pad mode="number" style="width: 480px"></digit-pad>`);
    const canvas = canvasOf(pad);
    const pointerType = await pointerOr('pen');
    // Looked at in the update that moves the view: the boxes jump with the ink, which is
    // repainted at once, instead of sliding after it.
    const jumped = new Promise<string[]>((resolve) => {
      const onView = ({ detail }: ViewChangeEvent) => {
        if (detail.view.x === 0) return;
        pad.removeEventListener('view-change', onView);
        const boxes = [...pad.shadowRoot!.querySelectorAll('.glyph-box')];
        resolve(boxes.map((box) => getComputedStyle(box).transitionDuration));
      };
      pad.addEventListener('view-change', onView);
    });
    // Where each "1" was written; the view may have moved already on a slow machine.
    const written = await writeOnes(pad, pointerType);
    expect((await pad.whenSettled())!.reading.cnn.text).to.equal('1111111');
    const rect = canvas.getBoundingClientRect();
    expect(rect.right - written[6], 'near the edge').to.be.below(rect.height / 3);
    // A move keeps the boxes' sizes and spacing (a zoom would not), so they may be measured
    // before or after it.
    const settled = await boxRects(pad);
    await followed(pad);
    const durations = await jumped;
    expect(durations).to.not.be.empty;
    for (const duration of durations) expect(duration).to.match(/^0s(, 0s)*$/);
    const after = await boxRects(pad);
    const unit = Math.min(rect.width, rect.height);
    const shift = pad.view.x * unit;
    // Moved left, not zoomed: every box by the same amount, at the same size.
    expect(shift, 'moved').to.be.above(rect.width / 4);
    expect(pad.view.scale).to.equal(1);
    const centre = (box: DOMRect) => box.left + box.width / 2;
    after.forEach((box, i) => {
      expect(box.width, `box ${i}`).to.be.closeTo(settled[i].width, 0.5);
      if (i > 0) {
        const pitch = centre(settled[i]) - centre(settled[i - 1]);
        expect(centre(box) - centre(after[i - 1]), `box ${i}`).to.be.closeTo(pitch, 0.5);
      }
    });
    // The view the pad reports is the one painted: the last "1" moved left by its shift, and
    // its box with it.
    const middle = (after[6].top + after[6].bottom) / 2;
    expect(inkedNear(canvas, written[6] - shift, middle), 'ink moved by the view').to.equal(true);
    // WebKitGTK places the boxes (container query units) up to 2 px off the canvas's own size.
    expect(centre(after[6])).to.be.closeTo(written[6] - shift, 3);
    // A third of the pad is free after the line; its start went out of view on the left.
    expect(rect.right - after[6].right).to.be.closeTo(rect.width / 3, rect.height * 0.1);
    expect(after[0].right).to.be.below(rect.left);

    const x = rect.right - rect.width / 6;
    const [y0, y1] = [after[6].top, after[6].bottom];
    const strokes = pad.strokes.length;
    await replay(pointerType, bar(x, y0, y1));
    await waitUntil(() => pad.strokes.length === strokes + 1, 'the stroke was recorded');
    // Painting waits for a frame after the last pen report.
    await nextFrame();
    expect(inkedNear(canvas, x, (y0 + y1) / 2), 'painted under the pen').to.equal(true);
    // Written past where the pad's own area ends, at the same scale as the rest of the line.
    const stroke = pad.strokes.at(-1)!.points;
    expect(stroke[0].x).to.be.above(rect.width / (2 * unit));
    expect((await pad.whenSettled())!.reading.cnn.text).to.equal('11111111');
  });

  it('moves back and forth along a followed line by keys, and says so', async () => {
    const pad = await readyPad(html`<digit-pad mode="number" style="width: 480px"></digit-pad>`);
    const canvas = canvasOf(pad);
    const views: InkView[] = [];
    pad.addEventListener('view-change', (event) => views.push(event.detail.view));
    const prevented: Record<string, boolean> = {};
    const onKey = (event: KeyboardEvent) => (prevented[event.key] = event.defaultPrevented);
    window.addEventListener('keydown', onKey);
    const pointerType = await pointerOr('pen');
    // A line that fits (one "1", nowhere near the edge): the keys are the page's, not the pad's.
    const fits = canvas.getBoundingClientRect();
    await replay(pointerType, bar(fits.left + 40, fits.top + 30, fits.bottom - 30));
    await waitUntil(() => pad.strokes.length === 1, 'the stroke was recorded');
    await pad.whenSettled();
    surfaceOf(pad).focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(prevented.ArrowLeft, 'ArrowLeft on a line that fits').to.equal(false);
    pad.clear();

    await writeOnes(pad, pointerType);
    await followed(pad);
    const once = pad.view;
    expect(views).to.deep.equal([once]);
    // Two more "1"s at the same pitch, in the room the view made: it follows the line again.
    const [before, last] = (await boxRects(pad)).slice(-2);
    const pitch = last.left - before.left;
    for (const k of [1, 2]) {
      const x = last.left + last.width / 2 + k * pitch;
      await replay(pointerType, bar(x, last.top, last.bottom));
    }
    await waitUntil(() => pad.strokes.length === 9, 'both recorded');
    await followed(pad, once.x);
    const end = pad.view;
    expect(views).to.deep.equal([once, end]);
    const rect = canvas.getBoundingClientRect();
    // The edge fades where the line goes on out of view: here, its start on the left.
    const surface = surfaceOf(pad);
    const fades = () => ({
      left: getComputedStyle(surface, '::before').opacity === '1',
      right: getComputedStyle(surface, '::after').opacity === '1',
    });
    expect(fades()).to.deep.equal({ left: true, right: false });
    const unit = Math.min(rect.width, rect.height);
    // Home: back to the line's start, where the pad's own area was; every box in view again.
    await sendKeys({ press: 'Home' });
    await waitUntil(() => pad.view.x === 0, 'moved back to the start');
    expect(prevented.Home, 'Home').to.equal(true);
    expect(views.at(-1)).to.deep.equal(pad.view);
    const atStart = await boxRects(pad);
    expect(atStart[0].left).to.be.above(rect.left);
    expect(atStart[6].right).to.be.below(rect.right);
    expect(atStart[8].left, 'the line goes on past the right edge').to.be.above(rect.right);
    expect(fades()).to.deep.equal({ left: false, right: true });
    // A third of the pad per arrow, and End back to where following the line put it.
    await sendKeys({ press: 'ArrowRight' });
    expect(pad.view.x * unit).to.be.closeTo(rect.width / 3, 1);
    await sendKeys({ press: 'End' });
    expect(pad.view).to.deep.equal(end);
    expect(views).to.have.length(5);

    // A stroke written back at the start (a bar over the first "1") leaves the view there, and
    // the rest after it does not send the view back to the line's end.
    await sendKeys({ press: 'Home' });
    await waitUntil(() => pad.view.x === 0, 'moved back to the start');
    const first = (await boxRects(pad))[0];
    const y = first.top + 2;
    await replay(pointerType, [
      { type: 'down', x: first.left + 2, y, pressed: true },
      { type: 'move', x: first.left + 6, y, pressed: true },
      { type: 'move', x: first.right + 6, y, pressed: true },
      { type: 'up', x: first.right + 6, y },
    ]);
    await waitUntil(() => pad.strokes.length === 10, 'the bar was recorded');
    await pad.whenSettled();
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_PAUSE_MS + 300));
    expect(pad.view.x, 'still at the start').to.equal(0);
    expect(pad.view.scale, 'not zoomed out').to.equal(1);
    window.removeEventListener('keydown', onKey);
  });

  it('moves back along a followed line by a sideways swipe or Shift+wheel, as far as it goes', async function () {
    await requireInput(this, (caps) => caps.wheel);
    const pad = await readyPad(html`<digit-pad mode="number" style="width: 480px"></digit-pad>`);
    const rect = canvasOf(pad).getBoundingClientRect();
    const unit = Math.min(rect.width, rect.height);
    const [x, y] = [rect.left + rect.width / 2, rect.top + rect.height / 2];
    await writeOnes(pad, await pointerOr('pen'));
    await followed(pad);
    const end = pad.view.x;
    await wheel(x, y, -60);
    await waitUntil(() => pad.view.x < end, 'moved back by the swipe');
    expect((end - pad.view.x) * unit, 'by the swipe').to.be.closeTo(60, 1);
    // Far more than the line: it stops at the start, and the page is not scrolled.
    await wheel(x, y, -5000);
    await waitUntil(() => pad.view.x === 0, 'moved back to the start');
    expect(document.scrollingElement!.scrollLeft).to.equal(0);
  });

  it('moves back along a followed line by a two-finger swipe, which draws nothing', async function () {
    await requireInput(this, (caps) => caps.pointerTypes.includes('touch'));
    const pad = await readyPad(html`<digit-pad mode="number" style="width: 480px"></digit-pad>`);
    const rect = canvasOf(pad).getBoundingClientRect();
    const unit = Math.min(rect.width, rect.height);
    await writeOnes(pad, 'touch');
    await followed(pad);
    const end = pad.view.x;
    const before = (await pad.whenSettled())!.reading.cnn.text;
    // Taken out of the document and put back, as a framework may do: it still listens.
    pad.parentElement!.append(pad);
    // Two fingers land on the pad, one right after the other, and swipe 60 px to the right.
    const y = rect.top + rect.height / 2;
    const finger = (x: number): FingerStep[] => [
      { type: 'move', x, y },
      { type: 'down' },
      ...Array.from({ length: 6 }, (_, i) => ({ type: 'move' as const, x: x + 10 * (i + 1), y })),
      { type: 'up' },
    ];
    const [a, b] = [finger(rect.left + 150), finger(rect.left + 250)];
    await multiTouch([
      [a[0], a[1], null, null, ...a.slice(2)],
      [null, null, b[0], b[1], ...b.slice(2)],
    ]);
    await waitUntil(() => end - pad.view.x > 0, 'moved back by the swipe');
    // Content follows the fingers, so the view moves back by the swipe.
    await waitUntil(() => Math.abs((end - pad.view.x) * unit - 60) < 1, 'by the whole swipe');
    // The first finger's touch was the start of the gesture, not a stroke.
    expect(pad.strokes).to.have.length(7);
    expect((await pad.whenSettled())!.reading.cnn.text).to.equal(before);
  });
});
