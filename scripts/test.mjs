// `npm test`: static checks, build, the browser tests in each engine and the training tests.
// Every stage runs even if an earlier one failed; the summary counts each engine's tests, and
// the closing line adds every stage up.
//
// ENGINES=chromium,firefox,webkit picks engines (default: all three); BROWSER_JOBS=2 is how many
// engines run at once (default 2, one per core: each runs its test files one at a time).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ENGINES } from '../test/support/engines.mjs';

const engines = (process.env.ENGINES ?? ENGINES.join(',')).split(',').filter(Boolean);
const browserJobs = Math.max(1, Number(process.env.BROWSER_JOBS ?? 2));
const env = { ...process.env, FORCE_COLOR: '0' };

const checks = [
  { name: 'eslint', cmd: ['npx', 'eslint', '.'] },
  { name: 'prettier', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'tsc --noEmit (strict)', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
];
const pytest = {
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
};

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
rmSync('test-results', { recursive: true, force: true });

function record(name, ok, counts, seconds) {
  // A runner that exits non-zero without a failing test (crash, load error) still fails.
  if (!ok && counts.failed === 0) counts.failed = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  summary.push(
    `${ok ? 'ok  ' : 'FAIL'} ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds.toFixed(0)} s)`,
  );
}

const passFail = (ok) => ({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });

for (const stage of checks) {
  console.log(`\n━━ ${stage.name} ━━`);
  const started = Date.now();
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), { stdio: 'inherit', env });
  record(stage.name, run.status === 0, passFail(run.status === 0), (Date.now() - started) / 1000);
}

await runEngines();

console.log(`\n━━ ${pytest.name} ━━`);
{
  const started = Date.now();
  const run = spawnSync(pytest.cmd[0], pytest.cmd.slice(1), {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env,
  });
  process.stdout.write(run.stdout ?? '');
  record(
    pytest.name,
    run.status === 0,
    pytestCounts(run.stdout ?? ''),
    (Date.now() - started) / 1000,
  );
}

console.log(`\n━━ summary ━━\n${summary.join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

/**
 * Runs the browser suite once per engine, `browserJobs` engines at a time, each in its own
 * web-test-runner (its own port and browser). Output is buffered per engine and printed whole
 * when that engine ends, so that parallel runs stay readable.
 */
async function runEngines() {
  const queue = [...engines];
  const results = new Map();
  async function worker() {
    for (let engine = queue.shift(); engine; engine = queue.shift()) {
      const started = Date.now();
      let output = '';
      const child = spawn('npx', ['web-test-runner'], {
        env: { ...env, ENGINE: engine },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const status = await new Promise((resolve) => child.on('close', resolve));
      const seconds = (Date.now() - started) / 1000;
      console.log(`\n━━ browser tests: ${engine} (${seconds.toFixed(0)} s) ━━\n${output}`);
      results.set(engine, { ok: status === 0, seconds });
    }
  }
  await Promise.all(Array.from({ length: Math.min(browserJobs, engines.length) }, worker));
  // In engine order, whatever order they finished in.
  for (const engine of engines) {
    const { ok, seconds } = results.get(engine);
    record(`browser tests (${engine})`, ok, browserCounts(engine), seconds);
  }
}

function browserCounts(engine) {
  const file = `test-results/browser-${engine}.json`;
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const { passed, failed, skipped, filesFailed } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed, failed: failed + filesFailed, skipped };
}

function pytestCounts(stdout) {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  return {
    passed: count('passed'),
    failed: count('failed') + count('error'),
    skipped: count('skipped'),
  };
}
