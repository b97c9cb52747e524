import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { PredictionEvent } from '../events/prediction-event.js';
import type { InkView } from '../ink/view.js';
import type { Box } from '../workers/protocol.js';

/**
 * The boxes of the glyphs a line reader found, drawn over the ink. It follows the host's own
 * `prediction` events and exposes `boxes` and `current` (the glyph that owns the last stroke);
 * `render()` gives the overlay. Boxes are laid out in pad units with container query units, so
 * they follow resizes without script; their look (and motion, off under reduced motion) is CSS.
 */
export class GlyphBoxesController implements ReactiveController {
  boxes: readonly Box[] = [];
  current = -1;
  /** The view of the last render: when it changes, the boxes jump with the ink, unanimated. */
  private view: InkView | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('prediction', this.onPrediction);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('prediction', this.onPrediction);
  }

  /**
   * `selected` is drawn emphasised; null emphasises the glyph being written. `penWidth` is the
   * ink's width in pad units: boxes hold the stroke's centre line, and are widened by half of it
   * so that they clear the ink drawn around that line (a thin "1" was hidden under its own ink).
   * `view` is the part of the ink in view, as the ink is painted.
   */
  render(selected: number | null, penWidth: number, view: InkView) {
    if (this.boxes.length === 0) return nothing;
    const emphasised = selected ?? this.current;
    const moved = this.view !== null && this.view !== view;
    this.view = view;
    return html`<div
      class="glyph-boxes ${moved ? 'moved' : ''}"
      part="glyph-boxes"
      aria-hidden="true"
      style=${styleMap({
        '--_ink': String(penWidth),
        '--_zoom': String(view.scale),
        '--_vx': String(view.x),
        '--_vy': String(view.y),
      })}
    >
      ${this.boxes.map(
        (box, i) =>
          html`<div
            class="glyph-box ${i === emphasised ? 'emphasised' : ''}"
            part="glyph-box${i === emphasised ? ' glyph-box-emphasised' : ''}"
            style=${styleMap({
              '--x': String(box.x),
              '--y': String(box.y),
              '--w': String(box.width),
              '--h': String(box.height),
            })}
          ></div>`,
      )}
    </div>`;
  }

  private readonly onPrediction = ({ target, detail }: PredictionEvent): void => {
    if (target !== this.host) return;
    const boxes = detail.glyphs.map((glyph) => glyph.box);
    const last = Math.max(-1, ...detail.glyphs.flatMap((glyph) => glyph.strokes));
    const current = detail.glyphs.findIndex((glyph) => glyph.strokes.includes(last));
    if (current === this.current && sameBoxes(boxes, this.boxes)) return;
    this.boxes = boxes;
    this.current = current;
    this.host.requestUpdate();
  };
}

function sameBoxes(a: readonly Box[], b: readonly Box[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (box, i) =>
        box.x === b[i].x &&
        box.y === b[i].y &&
        box.width === b[i].width &&
        box.height === b[i].height,
    )
  );
}
