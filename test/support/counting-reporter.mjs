// Writes the run's totals where scripts/test.mjs can add them to the closing line, with each
// file's own counts, the files whose browser went away mid-run (scripts/test.mjs reruns those
// once), and what failed: the closing lines of a long log must say which test it was.
import { mkdirSync, writeFileSync } from 'node:fs';

// What a runner reports when the browser or its driver, not a test, ended a file early.
const INTERRUPTED = /browser disconnected|could not parse title from browsing context/i;

// The first line of a message is enough to tell one failure from another in a summary.
const firstLine = (message) =>
  String(message ?? '')
    .split('\n')[0]
    .slice(0, 300);

function count(suite, totals, failures, path = []) {
  const here = suite?.name ? [...path, suite.name] : path;
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else {
      totals.failed++;
      failures.push({
        test: [...here, test.name].join(' › '),
        message: firstLine(test.error?.message),
      });
    }
  }
  for (const child of suite?.suites ?? []) count(child, totals, failures, here);
}

const zero = () => ({ passed: 0, failed: 0, skipped: 0, filesFailed: 0 });

/**
 * The run's totals, each file's own counts, the files to rerun (those the browser or its driver
 * ended early, with no failed test), and each failure: a failed test, or a file's own error.
 */
export function summarise(sessions) {
  const totals = zero();
  const files = {};
  const interrupted = new Set();
  const failures = [];
  for (const session of sessions) {
    const own = zero();
    const failed = [];
    count(session.testResults, own, failed);
    for (const error of session.errors ?? [])
      failed.push({ test: '', message: firstLine(error?.message) });
    // A file that fails to load or errors outside a test has no test to count.
    if (
      !session.passed &&
      !(session.testResults?.tests?.length || session.testResults?.suites?.length)
    )
      own.filesFailed++;
    if (session.errors?.length) own.filesFailed++;
    else if (own.filesFailed) failed.push({ test: '', message: 'the file ended without a result' });
    // A file with a failed assertion is not rerun, whatever happened after it.
    if (
      own.failed === 0 &&
      session.errors?.some((error) => INTERRUPTED.test(String(error?.message)))
    )
      interrupted.add(session.testFile);
    failures.push(...failed.map((failure) => ({ file: session.testFile, ...failure })));
    const sum = (files[session.testFile] ??= zero());
    for (const key of Object.keys(totals)) {
      totals[key] += own[key];
      sum[key] += own[key];
    }
  }
  return { ...totals, files, interrupted: [...interrupted], failures };
}

export function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      mkdirSync('test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(summarise(sessions)));
    },
  };
}
