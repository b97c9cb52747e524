import {
  CONFIDENT,
  PadErrorEvent,
  type PadMode,
  type PredictionDetail,
  type Reading,
} from 'digit-pad';

/** Model names as the page spells them, everywhere. */
const NAMES: Readonly<Record<string, string>> = { mlp: 'MLP', cnn: 'CNN' };
const nameOf = (model: string) => NAMES[model] ?? model;

const EMPTY: Readonly<Record<PadMode, string>> = {
  digit: 'Write a digit, or type one on the pad',
  number: 'Write a number, or type it on the pad',
  expression: 'Write a sum like 12+7=, or type it',
};
const SUBJECT: Readonly<Record<PadMode, string>> = {
  digit: 'of the digit',
  number: 'of the glyph being written',
  expression: 'of the glyph being written',
};
const NO_VALUE: Readonly<Record<NonNullable<Reading['reason']>, string>> = {
  incomplete: 'keep writing',
  'division-by-zero': 'division by 0',
  unreadable: 'unreadable glyph',
  syntax: 'not a sum',
};

const pad = document.querySelector('digit-pad')!;
const charts = [...document.querySelectorAll('prob-chart')];
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const readings = $<HTMLTableElement>('#readings');
const verdict = $('#verdict');
const glyphPick = $('#glyph-pick');
const glyphs = $('#glyphs');
const follow = $<HTMLButtonElement>('#follow');
const subject = $('#chart-subject');
const inputCanvas = $<HTMLCanvasElement>('#input');
const latency = $<HTMLTableSectionElement>('#latency');

/** The glyph picked for inspection, or null to follow the one being written. */
let picked: number | null = null;

const mode = (): PadMode => pad.readMode;

function setMode(next: PadMode): void {
  pad.mode = next;
  document.querySelector<HTMLInputElement>(`input[name="mode"][value="${next}"]`)!.checked = true;
  pick(null);
  glyphPick.hidden = next === 'digit';
  glyphs.dataset.empty = next === 'digit' ? '' : 'Pick a glyph here to see its bars';
  const latest = pad.prediction;
  if (latest) show(latest);
  else showEmpty();
}

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
  radio.addEventListener('change', () => setMode(radio.value as PadMode));
}
follow.addEventListener('click', () => pick(null));
glyphs.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('button[data-glyph]');
  if (button) pick(Number(button.dataset.glyph));
});

pad.addEventListener('ready', (event) => {
  const operators = Object.values(event.detail.classes).some((classes) => classes.length > 10);
  pad.dataset.operators = String(operators);
  // The architectures' last layer is as wide as the model's class list.
  for (const span of document.querySelectorAll<HTMLElement>('[data-classes]')) {
    const classes = event.detail.classes[span.dataset.classes!];
    if (classes) span.textContent = String(classes.length);
  }
  showEmpty();
});
pad.addEventListener('error', (event) => {
  verdict.textContent =
    event instanceof PadErrorEvent && event.detail.code === 'line-too-long'
      ? 'Too many glyphs for one line: undo a few'
      : 'The models could not run (see the pad)';
  verdict.dataset.state = 'unsure';
});
pad.addEventListener('prediction', (event) => show(event.detail));

function pick(index: number | null): void {
  picked = index;
  pad.selectedGlyph = index;
  for (const chart of charts) chart.glyph = index;
  follow.setAttribute('aria-pressed', String(index === null));
  for (const button of glyphs.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(Number(button.dataset.glyph) === index));
  }
  subject.textContent =
    index === null ? SUBJECT[mode()] : `of glyph ${index + 1} of ${glyphs.children.length}`;
  const latest = pad.prediction;
  if (latest && !latest.blank) paintInput(inputOf(latest));
}

function show(detail: PredictionDetail): void {
  if (detail.blank) {
    showEmpty();
    return;
  }
  if (picked !== null && picked >= detail.glyphs.length) pick(null);
  paintInput(inputOf(detail));
  showReadings(detail);
  showVerdict(detail);
  showGlyphs(detail);
  showLatency(detail);
}

function inputOf(detail: PredictionDetail): Float32Array {
  return (picked !== null ? detail.glyphs[picked]?.input : undefined) ?? detail.input;
}

function showEmpty(): void {
  const expression = mode() === 'expression';
  verdict.textContent =
    expression && pad.dataset.operators === 'false'
      ? 'These models read no operators yet'
      : EMPTY[mode()];
  delete verdict.dataset.state;
  delete readings.dataset.state;
  for (const row of readings.tBodies[0].rows) {
    row.querySelector('.line')!.textContent = '—';
    row.querySelector('.line')!.removeAttribute('title');
    row.querySelector('.value')!.textContent = '—';
  }
  glyphs.replaceChildren();
  paintInput(new Float32Array(28 * 28));
}

function showReadings({ reading }: PredictionDetail): void {
  const texts = Object.values(reading).map((r) => r.text);
  for (const row of readings.tBodies[0].rows) {
    const r = reading[(row as HTMLElement).dataset.model!];
    const line = row.querySelector('.line')!;
    const value = row.querySelector<HTMLElement>('.value')!;
    // Symbols that another model reads differently are marked.
    line.replaceChildren(
      ...[...(r?.text ?? '—')].map((symbol, i) => {
        if (texts.every((text) => text[i] === symbol)) return symbol;
        const mark = document.createElement('mark');
        mark.textContent = symbol;
        return mark;
      }),
    );
    // A line too long for its cell can still be read whole, on hover.
    line.setAttribute('title', r?.text ?? '');
    value.textContent = r ? formatValue(r) : '—';
    value.classList.toggle('none', r?.value === null);
  }
  readings.dataset.state = agreement(reading);
}

function formatValue({ value, reason }: Reading): string {
  if (value === null) return NO_VALUE[reason ?? 'unreadable'];
  const plain = String(Number(value.toPrecision(12)));
  // The value column has room for ten characters; longer values keep six significant digits.
  return plain.length <= 10 ? plain : value.toExponential(5);
}

function agreement(reading: Readonly<Record<string, Reading>>): 'agree' | 'disagree' {
  const all = Object.values(reading);
  return all.every((r) => r.text === all[0].text && r.value === all[0].value)
    ? 'agree'
    : 'disagree';
}

function showVerdict(detail: PredictionDetail): void {
  const entries = Object.entries(detail.reading);
  const [first] = entries;
  const both = entries.length === 2 ? 'Both models' : 'All models';
  let text: string;
  let state: string;
  if (mode() === 'digit' && detail.unusual) {
    const why = detail.unusual === 'too-little-ink' ? 'too little ink' : 'too much ink';
    [text, state] = [`This does not look like a digit (${why})`, 'unsure'];
  } else if (mode() === 'digit' && lowConfidence(detail).length > 0) {
    [text, state] = [`Low confidence (${lowConfidence(detail).join(', ')}): a digit?`, 'unsure'];
  } else if (agreement(detail.reading) === 'agree') {
    const r = first[1];
    text =
      r.value !== null
        ? `${both} agree: ${formatValue(r)}`
        : `${both} read ${r.text}: ${NO_VALUE[r.reason ?? 'unreadable']}`;
    state = r.value !== null ? 'agree' : 'unsure';
  } else {
    const say = ([model, r]: [string, Reading]) =>
      `${nameOf(model)} ${r.value !== null ? formatValue(r) : r.text}`;
    [text, state] = [`The models disagree: ${entries.map(say).join(', ')}`, 'disagree'];
  }
  verdict.textContent = text;
  verdict.dataset.state = state;
}

function lowConfidence({ results }: PredictionDetail): string[] {
  return Object.entries(results)
    .filter(([, r]) => r.probabilities[r.label] < CONFIDENT)
    .map(([model]) => nameOf(model));
}

function showGlyphs({ glyphs: found }: PredictionDetail): void {
  if (mode() === 'digit') return;
  const buttons = found.map((glyph, i) => {
    const symbols = Object.entries(glyph.results).map(([model, r]) => [model, r.symbol]);
    const distinct = [...new Set(symbols.map(([, s]) => s))];
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.glyph = String(i);
    button.textContent = distinct.join('|');
    button.classList.toggle('differ', distinct.length > 1);
    button.setAttribute('aria-pressed', String(i === picked));
    // The name starts with what the button shows, so voice users can say what they see.
    button.setAttribute(
      'aria-label',
      `${button.textContent}, glyph ${i + 1} (${symbols.map(([model, s]) => `${nameOf(model)} ${s}`).join(', ')})`,
    );
    return button;
  });
  // Keyboard focus stays on the picked glyph while the line is read again.
  const focused = glyphs.contains(document.activeElement)
    ? (document.activeElement as HTMLElement).dataset.glyph
    : undefined;
  glyphs.replaceChildren(...buttons);
  if (focused !== undefined) buttons[Number(focused)]?.focus();
  if (picked !== null) subject.textContent = `of glyph ${picked + 1} of ${found.length}`;
}

function paintInput(input: Float32Array): void {
  const ctx = inputCanvas.getContext('2d')!;
  const image = ctx.createImageData(28, 28);
  input.forEach((v, i) => {
    const level = Math.round(v * 255);
    image.data.set([level, level, level, 255], i * 4);
  });
  ctx.putImageData(image, 0, 0);
}

function showLatency({ results, timings }: PredictionDetail): void {
  const [mlp, cnn, preprocess, pipeline] = latency.rows;
  for (const [row, model] of [
    [mlp, 'mlp'],
    [cnn, 'cnn'],
  ] as const) {
    const r = results[model];
    const symbol = pad.loaded?.classes[model]?.[r?.label ?? -1] ?? r?.label;
    row.cells[1].textContent = r
      ? `${symbol} (${(r.probabilities[r.label] * 100).toFixed(0)}%)`
      : '—';
    row.cells[2].textContent = r ? `${r.ms.toFixed(2)} ms` : '—';
  }
  preprocess.cells[2].textContent = `${timings.preprocessMs.toFixed(2)} ms`;
  pipeline.cells[2].textContent = `${timings.totalMs.toFixed(2)} ms`;
}

const requested = new URLSearchParams(location.search).get('mode');
setMode(requested === 'number' || requested === 'expression' ? requested : 'digit');
