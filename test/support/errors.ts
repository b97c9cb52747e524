import { fixture, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/components/digit-pad/define.js';
import type { DigitPad } from '../../src/components/digit-pad/digit-pad.js';
import { PadErrorEvent } from '../../src/events/pad-error-event.js';

/** Collects every error event a pad fires. */
export function recordErrors(pad: DigitPad): PadErrorEvent[] {
  const errors: PadErrorEvent[] = [];
  pad.addEventListener('error', (event) => {
    if (event instanceof PadErrorEvent) errors.push(event);
  });
  return errors;
}

/** Renders a pad and waits for its first error, which must also show in the pad's status. */
export async function firstError(template: TemplateResult) {
  const pad = await fixture<DigitPad>(template);
  const errors = recordErrors(pad);
  if (errors.length === 0) await oneEvent(pad, 'error');
  const [error] = errors;
  const status = pad.shadowRoot!.querySelector('[part="status"]')!;
  await waitUntil(() => status.textContent!.includes(error.detail.message), 'error shown in pad');
  return { pad, error: error.detail, errors };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
