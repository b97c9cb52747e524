// A TypeScript app's use of the public API: the elements, their events and their details.
import { DigitPad, PadErrorEvent, type PredictionDetail, type ReadyDetail } from 'digit-pad';
import 'digit-pad/prob-chart.js';

const pad = document.querySelector('digit-pad');
const chart = document.querySelector('prob-chart');
if (pad instanceof DigitPad && chart) {
  pad.addEventListener('ready', (event) => {
    const detail: ReadyDetail = event.detail;
    console.log(detail.models.join(', '));
  });
  pad.addEventListener('prediction', (event) => {
    const detail: PredictionDetail = event.detail;
    if (!detail.blank) chart.label = `CNN: ${detail.results.cnn?.label}`;
  });
  pad.addEventListener('error', (event) => {
    if (event instanceof PadErrorEvent) console.warn(event.detail.code);
  });
  pad.models = 'mlp=/models/mlp.onnx';
  await pad.whenReady();
}
