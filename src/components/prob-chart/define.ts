import { ProbChart } from './prob-chart.js';

export { ProbChart };

if (!customElements.get('prob-chart')) customElements.define('prob-chart', ProbChart);

declare global {
  interface HTMLElementTagNameMap {
    'prob-chart': ProbChart;
  }
}
