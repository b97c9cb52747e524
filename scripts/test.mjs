// `npm test`: static checks, build, the packed package and the apps that install it, the node
// tests, the browser tests in each engine and the training tests, in that order.
// Every stage runs even if an earlier one failed; the summary counts each engine's tests, and
// the closing line adds every stage up.
//
// ENGINES=chromium,firefox,webkit picks engines (default: all three); BROWSER_JOBS=2 is how many
// engines run at once (default 2, one per core: each runs its test files one at a time).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { createServer } from 'node:net';
import { ENGINES } from '../test/support/engines.mjs';
import { failuresOf, withReruns } from './lib/browser-counts.mjs';

const engines = (process.env.ENGINES ?? ENGINES.join(',')).split(',').filter(Boolean);
const browserJobs = Math.max(1, Number(process.env.BROWSER_JOBS ?? 2));
const env = { ...process.env, FORCE_COLOR: '0' };

const before = [
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
    // The dev server behind `npm start` can leave a file watcher open after stop() (seen once:
    // every test done, the file's process kept alive by an FSWatcher): end each test file's
    // process when its tests are.
    cmd: ['node', '--test', '--test-force-exit', '--test-reporter=tap', 'test/node/'],
    counts: tapCounts,
    capture: true,
  },
];
const after = [
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
// Each failed browser test by name: the summary is what a truncated log still shows.
const failures = [];
rmSync('test-results', { recursive: true, force: true });

function record(name, ok, counts, seconds) {
  // A runner that exits non-zero without a failing test (crash, load error) still fails.
  if (!ok && counts.failed === 0) counts.failed = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  summary.push(
    `${ok ? 'ok  ' : 'FAIL'} ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds.toFixed(0)} s)`,
  );
}

function runStage(stage) {
  console.log(`\n━━ ${stage.name} ━━`);
  const started = Date.now();
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    stdio: stage.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env,
  });
  if (stage.capture) process.stdout.write(run.stdout ?? '');
  const ok = run.status === 0;
  const counts = stage.counts?.(run) ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  record(stage.name, ok, counts, (Date.now() - started) / 1000);
}

before.forEach(runStage);
await runEngines();
after.forEach(runStage);

console.log(`\n━━ summary ━━\n${summary.join('\n')}`);
if (failures.length) console.log(`\n━━ failed browser tests ━━\n${failures.join('\n')}`);
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
  // Distinct free ports, held until all are known, so no two runners get the same one.
  const held = await Promise.all(engines.map(() => listenOnFreePort()));
  const ports = new Map(engines.map((engine, i) => [engine, held[i].address().port]));
  await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  async function worker() {
    for (let engine = queue.shift(); engine; engine = queue.shift()) {
      const started = Date.now();
      const port = String(ports.get(engine));
      const first = await runRunner({ ENGINE: engine, WTR_PORT: port });
      let ok = first.ok;
      let retried = [];
      const interrupted = readCounts(countsFile(engine))?.interrupted ?? [];
      if (interrupted.length > 0) {
        // A browser or driver that goes away mid-file (WebKitWebDriver has, once in many runs)
        // says nothing about the code: rerun those files once. A failed assertion is not
        // retried, and the summary names every file that was.
        retried = interrupted.map((file) => relative(process.cwd(), file));
        const again = await runRunner({
          ENGINE: engine,
          WTR_PORT: port,
          WTR_FILES: retried.join(','),
          WTR_COUNTS: countsFile(engine, 'retry'),
        });
        first.output += `\n━━ ${engine}: rerun of ${retried.join(', ')} after the browser disconnected ━━\n${again.output}`;
        // The first run's exit status is then down to those files; the counts still carry
        // every other file's failures.
        ok = again.ok;
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(`\n━━ browser tests: ${engine} (${seconds.toFixed(0)} s) ━━\n${first.output}`);
      results.set(engine, { ok, seconds, retried });
    }
  }
  await Promise.all(Array.from({ length: Math.min(browserJobs, engines.length) }, worker));
  // In engine order, whatever order they finished in.
  for (const engine of engines) {
    const { ok, seconds, retried } = results.get(engine);
    const { counts, failed } = browserResults(engine);
    for (const failure of failed)
      failures.push(
        `${engine}: ${relative(process.cwd(), failure.file)}${failure.test ? ` › ${failure.test}` : ''}: ${failure.message}`,
      );
    const note = retried.length ? ` [rerun after a browser disconnect: ${retried.join(', ')}]` : '';
    record(`browser tests (${engine})${note}`, ok && counts.failed === 0, counts, seconds);
  }
}

async function runRunner(extraEnv) {
  let output = '';
  const child = spawn('npx', ['web-test-runner'], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const status = await new Promise((resolve) => child.on('close', resolve));
  return { ok: status === 0, output };
}

function listenOnFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => resolve(server));
  });
}

function countsFile(engine, run = '') {
  return `test-results/browser-${engine}${run ? `-${run}` : ''}.json`;
}

function readCounts(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/**
 * The engine's counts, with each rerun file's first counts replaced by its rerun's, and its
 * failures, told the same way. No counts at all is one failure.
 */
function browserResults(engine) {
  const first = readCounts(countsFile(engine));
  if (!first) return { counts: { passed: 0, failed: 1, skipped: 0 }, failed: [] };
  const rerun = first.interrupted.length ? readCounts(countsFile(engine, 'retry')) : undefined;
  return { counts: withReruns(first, rerun), failed: failuresOf(first, rerun) };
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
