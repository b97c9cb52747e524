import { CONFIDENT, type PredictionDetail, type ReadyEvent } from 'digit-pad';

const pad = document.querySelector('digit-pad')!;
const inputCanvas = document.querySelector<HTMLCanvasElement>('#input')!;
const verdict = document.querySelector<HTMLElement>('#verdict')!;
const source = document.querySelector<HTMLElement>('#source')!;
const latency = document.querySelector<HTMLTableSectionElement>('#latency')!;

pad.addEventListener('ready', (event: ReadyEvent) => {
  verdict.textContent = 'Ready: draw a digit';
  delete verdict.dataset.state;
  source.textContent = `Models loaded and warmed up in ${event.detail.loadMs.toFixed(0)} ms`;
});

pad.addEventListener('error', () => {
  verdict.textContent = 'The models could not run (see the pad)';
  verdict.dataset.state = 'unsure';
});

pad.addEventListener('prediction', (event) => {
  const detail = event.detail;
  paintInput(detail.input);
  showVerdict(detail);
  showLatency(detail);
});

function paintInput(input: Float32Array): void {
  const ctx = inputCanvas.getContext('2d')!;
  const image = ctx.createImageData(28, 28);
  input.forEach((v, i) => {
    const level = Math.round(v * 255);
    image.data.set([level, level, level, 255], i * 4);
  });
  ctx.putImageData(image, 0, 0);
}

function showVerdict({ blank, results, source: from, unusual }: PredictionDetail): void {
  const entries = Object.entries(results);
  source.textContent = from === 'keyboard' ? 'Typed on the keyboard' : blank ? '' : 'Drawn';
  if (blank || entries.length === 0) {
    verdict.textContent = 'Blank: draw a digit';
    delete verdict.dataset.state;
    return;
  }
  if (unusual) {
    const why = unusual === 'too-little-ink' ? 'too little ink' : 'too much ink';
    verdict.textContent = `This does not look like a digit (${why})`;
    verdict.dataset.state = 'unsure';
    return;
  }
  const labels = new Set(entries.map(([, r]) => r.label));
  const unsure = entries.filter(([, r]) => r.probabilities[r.label] < CONFIDENT);
  if (unsure.length > 0) {
    verdict.textContent = `Low confidence (${unsure.map(([name]) => name).join(', ')}): is this a digit?`;
    verdict.dataset.state = 'unsure';
  } else if (labels.size === 1) {
    verdict.textContent = `Both models agree: ${[...labels][0]}`;
    verdict.dataset.state = 'agree';
  } else {
    verdict.textContent = `The models disagree: ${entries.map(([n, r]) => `${n} ${r.label}`).join(', ')}`;
    verdict.dataset.state = 'disagree';
  }
}

function showLatency({ results, timings }: PredictionDetail): void {
  const rows = Object.entries(results).map(
    ([name, r]) =>
      `<tr><td>${name}</td><td>${r.label} (${(r.probabilities[r.label] * 100).toFixed(0)}%)</td><td class="num">${r.ms.toFixed(2)} ms</td></tr>`,
  );
  rows.push(
    `<tr><td>preprocess</td><td></td><td class="num">${timings.preprocessMs.toFixed(2)} ms</td></tr>`,
    `<tr><th scope="row">pipeline</th><td></td><td class="num">${timings.totalMs.toFixed(2)} ms</td></tr>`,
  );
  latency.innerHTML = rows.join('');
}
