import type { InkView } from '../ink/view.js';

/** The part of the ink a pad now shows (`DigitPad.view`). */
export interface ViewChangeDetail {
  readonly view: InkView;
}

/**
 * Fired on `<digit-pad>` when the part of the ink in view changes: zoomed out for a typed line
 * longer than the pad, moved along a hand-written one, moved back and forth by the writer, or
 * back to the whole pad. For overlays drawn in pad units over the ink.
 */
export class ViewChangeEvent extends CustomEvent<ViewChangeDetail> {
  static readonly type = 'view-change';
  constructor(detail: ViewChangeDetail) {
    super(ViewChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'view-change': ViewChangeEvent;
  }
}
