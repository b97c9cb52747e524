import type { PadErrorInfo } from '../workers/protocol.js';

/**
 * Fired on `<digit-pad>` for any failure. It is an `ErrorEvent` because the DOM already types
 * `error` listeners as `ErrorEvent`; narrow with `instanceof PadErrorEvent` to read `detail`.
 *
 * Like the `error` events of `<img>` and `<script>`, it does not bubble: a bubbling `error`
 * reaches `window.onerror`, where pages and error trackers would take it for an uncaught script
 * error. It is composed, so a shadow host that contains the pad still hears it.
 */
export class PadErrorEvent extends ErrorEvent {
  static readonly type = 'error';
  readonly detail: PadErrorInfo;
  constructor(detail: PadErrorInfo) {
    super(PadErrorEvent.type, { message: detail.message, bubbles: false, composed: true });
    this.detail = detail;
  }
}
