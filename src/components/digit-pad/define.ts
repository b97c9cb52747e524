import { DigitPad } from './digit-pad.js';

export { DigitPad };

if (!customElements.get('digit-pad')) customElements.define('digit-pad', DigitPad);

declare global {
  interface HTMLElementTagNameMap {
    'digit-pad': DigitPad;
  }
}
