import { css } from 'lit';
import { visuallyHidden } from '../../internal/visually-hidden.styles.js';

export const styles = [
  visuallyHidden,
  css`
    :host {
      display: block;
      color-scheme: light dark;
      font: inherit;
      --_bar: var(--prob-chart-bar-color, color-mix(in srgb, CanvasText 45%, Canvas));
      --_top: var(--prob-chart-top-color, #3d6fd8);
      --_track: var(--prob-chart-track-color, color-mix(in srgb, CanvasText 8%, Canvas));
    }
    :host([hidden]) {
      display: none;
    }
    figure {
      margin: 0;
    }
    /* One line whatever it says, so results coming and going never move what is below. */
    figcaption {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 0.5rem;
      font-weight: 600;
      margin-block-end: 0.5rem;
      white-space: nowrap;
      line-height: 1.5;
      block-size: 1.5em;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .top {
      flex: none;
      min-inline-size: 12ch;
      text-align: end;
      font-variant-numeric: tabular-nums;
      font-weight: 400;
    }
    .top.uncertain {
      font-style: italic;
    }
    .bars {
      display: grid;
      gap: 0.25rem;
    }
    /* The bars fade; the figures keep their contrast. */
    .bars.dimmed .track {
      opacity: 0.5;
    }
    .row {
      display: grid;
      grid-template-columns: 1.25rem 1fr 3.5rem;
      align-items: center;
      gap: 0.5rem;
      font-variant-numeric: tabular-nums;
      /* A fixed line box: a bold top row must not be taller (it was by 1px in Firefox). */
      line-height: 1.25rem;
      block-size: 1.25rem;
    }
    .digit {
      text-align: center;
    }
    .track {
      block-size: var(--prob-chart-bar-height, 0.9rem);
      background: var(--_track);
      border-radius: 999px;
      overflow: hidden;
    }
    .fill {
      block-size: 100%;
      inline-size: 100%;
      background: var(--_bar);
      transform-origin: left;
      transform: scaleX(var(--value));
      transition: transform var(--prob-chart-duration, 160ms) ease-out;
    }
    :host(:dir(rtl)) .fill {
      transform-origin: right;
    }
    .row.top1 .fill {
      background: var(--_top);
    }
    .row.top1 {
      font-weight: 700;
    }
    .pct {
      text-align: end;
      font-size: 0.875em;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --_top: var(--prob-chart-top-color, #8fb0ff);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .fill {
        transition: none;
      }
    }
    @media (forced-colors: active) {
      .track {
        border: 1px solid CanvasText;
        background: Canvas;
      }
      .fill {
        background: CanvasText;
        forced-color-adjust: none;
      }
      .row.top1 .fill {
        background: Highlight;
      }
    }
  `,
];
