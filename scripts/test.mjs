// `npm test`: static checks, build, the packed package and the apps that install it, browser
// tests and the training tests, in that order.
// Every stage runs even if an earlier one failed; the closing line adds them all up.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const stages = [
  { name: 'eslint', cmd: ['npx', 'eslint', '.'] },
  { name: 'prettier', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'tsc --noEmit (strict)', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  {
    name: 'package (pack, publint, contents)',
    cmd: ['node', 'scripts/check-package.mjs'],
    counts: resultCounts('test-results/package.json'),
  },
  {
    name: 'consumer apps (Vite, webpack, CDN, import map)',
    cmd: ['node', 'test/consumers/run.mjs', 'test-results/digit-pad.tgz'],
    counts: resultCounts('test-results/consumers.json'),
  },
  {
    name: 'node tests (serving dist/)',
    cmd: ['node', '--test', '--test-reporter=tap', 'test/node/'],
    counts: tapCounts,
    capture: true,
  },
  { name: 'browser tests', cmd: ['npx', 'web-test-runner'], counts: browserCounts },
  {
    name: 'training tests',
    cmd: [
      'node',
      'scripts/python.mjs',
      '-m',
      'pytest',
      'training/tests',
      '-q',
      '-p',
      'no:cacheprovider',
    ],
    counts: pytestCounts,
    capture: true,
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
rmSync('test-results', { recursive: true, force: true });

for (const stage of stages) {
  console.log(`\n━━ ${stage.name} ━━`);
  const started = Date.now();
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    stdio: stage.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (stage.capture) process.stdout.write(run.stdout ?? '');
  const ok = run.status === 0;
  const counts = stage.counts?.(run) ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  // A runner that exits non-zero without a failing test (crash, load error) still fails.
  if (!ok && counts.failed === 0) counts.failed = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  summary.push(
    `${ok ? 'ok  ' : 'FAIL'} ${stage.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}

console.log(`\n━━ summary ━━\n${summary.join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

function browserCounts() {
  const file = 'test-results/browser.json';
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const { passed, failed, skipped, filesFailed } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed, failed: failed + filesFailed, skipped };
}

/** Counts a stage wrote as `{passed, failed, skipped}`; none written counts as one failure. */
function resultCounts(file) {
  return () =>
    existsSync(file)
      ? { skipped: 0, ...JSON.parse(readFileSync(file, 'utf8')) }
      : { passed: 0, failed: 1, skipped: 0 };
}

function pytestCounts(run) {
  const line = (run.stdout ?? '').trim().split('\n').at(-1) ?? '';
  const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  return {
    passed: count('passed'),
    failed: count('failed') + count('error'),
    skipped: count('skipped'),
  };
}

function tapCounts(run) {
  const count = (name) => Number(run.stdout?.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);
  return {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped'),
  };
}
