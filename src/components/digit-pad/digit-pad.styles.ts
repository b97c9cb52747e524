import { css } from 'lit';
import { visuallyHidden } from '../../internal/visually-hidden.styles.js';

export const styles = [
  visuallyHidden,
  css`
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 0.5rem;
      inline-size: 280px;
      color-scheme: light dark;
      font: inherit;
    }
    :host([hidden]) {
      display: none;
    }
    /* A line needs width; its height stays enough for a glyph written with a finger. */
    :host([mode='number']),
    :host([mode='expression']) {
      inline-size: 600px;
      --_aspect-ratio: 3;
    }
    .surface {
      box-sizing: border-box;
      position: relative;
      aspect-ratio: var(--digit-pad-aspect-ratio, var(--_aspect-ratio, 1));
      /* Glyph boxes are placed in pad units: min(100cqw, 100cqh) is one unit. */
      container-type: size;
      inline-size: 100%;
      background: var(--digit-pad-background, Canvas);
      border: var(--digit-pad-border, 1px solid color-mix(in srgb, CanvasText 30%, transparent));
      border-radius: var(--digit-pad-radius, 12px);
      overflow: hidden;
      touch-action: none;
      user-select: none;
      -webkit-user-select: none;
      cursor: crosshair;
      outline: none;
    }
    /* Ink out of view on that side (a line moved along): the edge fades, as the line goes on. */
    .surface::before,
    .surface::after {
      content: '';
      position: absolute;
      inset-block: 0;
      inline-size: 1.5rem;
      pointer-events: none;
      opacity: 0;
      --_fade: var(--digit-pad-background, Canvas);
    }
    .surface::before {
      left: 0;
      background: linear-gradient(to right, var(--_fade), transparent);
    }
    .surface::after {
      right: 0;
      background: linear-gradient(to left, var(--_fade), transparent);
    }
    .surface.more-left::before,
    .surface.more-right::after {
      opacity: 1;
    }
    .surface:focus-visible {
      outline: var(--digit-pad-focus-ring, 3px solid Highlight);
      outline-offset: 2px;
    }
    canvas {
      display: block;
      inline-size: 100%;
      block-size: 100%;
      color: var(--digit-pad-ink, CanvasText);
    }
    .glyph-boxes {
      position: absolute;
      inset: 0;
      pointer-events: none;
      --_unit: calc(min(100cqw, 100cqh) * var(--_zoom, 1));
      --_pad: calc(var(--_ink, 0) * var(--_unit) / 2 + 0.3rem);
    }
    .glyph-box {
      position: absolute;
      box-sizing: border-box;
      left: calc(50cqw + (var(--x) - var(--_vx, 0)) * var(--_unit) - var(--_pad));
      top: calc(50cqh + (var(--y) - var(--_vy, 0)) * var(--_unit) - var(--_pad));
      inline-size: calc(var(--w) * var(--_unit) + 2 * var(--_pad));
      block-size: calc(var(--h) * var(--_unit) + 2 * var(--_pad));
      border: 1.5px dashed
        var(
          --digit-pad-box-color,
          color-mix(in srgb, var(--digit-pad-ink, CanvasText) 30%, transparent)
        );
      border-radius: 6px;
      transition:
        left 120ms ease-out,
        top 120ms ease-out,
        inline-size 120ms ease-out,
        block-size 120ms ease-out;
    }
    /* The view moved (ink/view.ts): the ink is repainted at once, so its boxes go with it. */
    .glyph-boxes.moved .glyph-box {
      transition: none;
    }
    .glyph-box.emphasised {
      border: 2px solid var(--digit-pad-box-emphasis-color, Highlight);
    }
    .status {
      position: absolute;
      inset: auto 0 0 0;
      padding: 0.5rem 0.75rem;
      font-size: 0.875rem;
      color: CanvasText;
      background: color-mix(in srgb, Canvas 85%, transparent);
      pointer-events: none;
    }
    .status:empty {
      display: none;
    }
    .status.error {
      color: var(--digit-pad-error, #b3261e);
      font-weight: 600;
    }
    .toolbar {
      display: flex;
      gap: 0.5rem;
    }
    .toolbar button {
      flex: 1;
      font: inherit;
      padding: 0.5rem 0.75rem;
      border-radius: 8px;
      border: 1px solid color-mix(in srgb, CanvasText 35%, transparent);
      background: ButtonFace;
      color: ButtonText;
      cursor: pointer;
    }
    .toolbar button:disabled {
      cursor: default;
      opacity: 0.55;
    }
    .toolbar button:focus-visible {
      outline: var(--digit-pad-focus-ring, 3px solid Highlight);
      outline-offset: 2px;
    }
    @media (prefers-color-scheme: dark) {
      .status.error {
        color: var(--digit-pad-error, #f2b8b5);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .glyph-box {
        transition: none;
      }
    }
    @media (forced-colors: active) {
      canvas {
        color: CanvasText;
      }
      .glyph-box {
        border-color: GrayText;
      }
      .glyph-box.emphasised {
        border-color: Highlight;
      }
      .surface {
        border: 1px solid CanvasText;
      }
      /* No gradients here: a dashed edge says the line goes on. */
      .surface.more-left {
        border-left-style: dashed;
      }
      .surface.more-right {
        border-right-style: dashed;
      }
      .status.error {
        color: CanvasText;
      }
      .toolbar button:disabled {
        opacity: 1;
        color: GrayText;
      }
    }
  `,
];
