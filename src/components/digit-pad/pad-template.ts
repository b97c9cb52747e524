import { html, nothing, type TemplateResult } from 'lit';
import type { InferenceStatus } from '../../controllers/inference-client.js';
import type { InkRecorder } from '../../controllers/ink-recorder.js';
import type { PadErrorInfo, PadMode } from '../../workers/protocol.js';
import { HELP } from './modes.js';

/** What `<digit-pad>` shows, as its controllers state it. */
export interface PadState {
  readonly label: string;
  readonly mode: PadMode;
  readonly status: InferenceStatus;
  /** The line over the surface: loading, an error, or what the keyboard just did. */
  readonly message: string;
  /** Whether ink lies beyond the view's left and right edges (a long line moved along). */
  readonly hidden: { readonly left: boolean; readonly right: boolean };
  /** The glyph boxes' layer; `nothing` in digit mode. */
  readonly boxes: TemplateResult | typeof nothing;
  /** The settled reading, for the polite live region. */
  readonly announcement: string;
  readonly canUndo: boolean;
  readonly empty: boolean;
}

/** The line over the surface: loading, the error, or else what the keyboard just did. */
export function statusMessage(
  status: InferenceStatus,
  error: PadErrorInfo | null,
  keyboard: string,
): string {
  if (status === 'loading') return 'Loading models…';
  return status === 'error' && error ? error.message : keyboard;
}

/** Where the surface's input goes. */
export interface PadInput {
  readonly recorder: InkRecorder;
  readonly keyDown: (event: KeyboardEvent) => void;
  readonly wheel: (event: WheelEvent) => void;
}

/**
 * The pad's shadow content: the focusable surface with its canvas, boxes and status, the help it
 * describes itself with, the live region, and the Undo and Clear buttons (each a slot's default).
 */
export function padTemplate(state: PadState, input: PadInput): TemplateResult {
  const { recorder } = input;
  const { mode, status, hidden } = state;
  return html`
    <div
      class="surface ${hidden.left ? 'more-left' : ''} ${hidden.right ? 'more-right' : ''}"
      part="surface"
      tabindex="0"
      role="application"
      aria-roledescription="handwriting pad"
      aria-label=${state.label}
      aria-describedby="help"
      aria-busy=${status === 'loading' ? 'true' : 'false'}
      @pointerdown=${recorder.handleDown}
      @pointerrawupdate=${recorder.handleRawUpdate}
      @pointermove=${recorder.handleMove}
      @pointerup=${recorder.handleUp}
      @pointercancel=${recorder.handleCancel}
      @lostpointercapture=${recorder.handleUp}
      @keydown=${input.keyDown}
      @wheel=${input.wheel}
    >
      <canvas part="canvas" aria-hidden="true"></canvas>
      ${state.boxes}
      <div part="status" class="status ${status === 'error' ? 'error' : ''}" role="status">
        ${state.message}
      </div>
    </div>
    <p id="help" class="visually-hidden">
      ${HELP[mode]}${mode === 'digit' ? '' : ' Arrow keys, Home and End move along a long line.'}
      Escape clears. Control+Z undoes, Control+Shift+Z redoes.
    </p>
    <div class="visually-hidden" aria-live="polite">${state.announcement}</div>
    <div class="toolbar" part="toolbar">
      <slot name="undo-button" data-action="undo">
        <button part="undo-button" type="button" ?disabled=${!state.canUndo}>Undo</button>
      </slot>
      <slot name="clear-button" data-action="clear">
        <button part="clear-button" type="button" ?disabled=${state.empty}>Clear</button>
      </slot>
    </div>
  `;
}
