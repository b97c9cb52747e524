export { DigitPad } from './components/digit-pad/define.js';
export { ProbChart } from './components/prob-chart/define.js';
export { CONFIDENT } from './components/prob-chart/prob-chart.js';
export { PredictionEvent, type PredictionDetail } from './events/prediction-event.js';
export { ReadyEvent, type ReadyDetail } from './events/ready-event.js';
export { PadErrorEvent } from './events/pad-error-event.js';
export { ViewChangeEvent, type ViewChangeDetail } from './events/view-change-event.js';
export type { Ink, InkPoint, Stroke } from './ink/ink.js';
export type { InkView } from './ink/view.js';
export type { RecordedStroke } from './ink/history.js';
export type {
  Box,
  ErrorCode,
  GlyphModelResult,
  GlyphResult,
  InputSource,
  ModelResult,
  PadErrorInfo,
  PadMode,
  Reading,
  Timings,
  Unusual,
} from './workers/protocol.js';
