// Writes the run's totals where scripts/test.mjs can add them to the closing line, with each
// file's own counts and the files whose browser went away mid-run (scripts/test.mjs reruns
// those once).
import { mkdirSync, writeFileSync } from 'node:fs';

// What a runner reports when the browser or its driver, not a test, ended a file early.
const INTERRUPTED = /browser disconnected|could not parse title from browsing context/i;

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

const zero = () => ({ passed: 0, failed: 0, skipped: 0, filesFailed: 0 });

/**
 * The run's totals, each file's own counts, and the files to rerun: those the browser or its
 * driver ended early, with no failed test.
 */
export function summarise(sessions) {
  const totals = zero();
  const files = {};
  const interrupted = new Set();
  for (const session of sessions) {
    const own = zero();
    count(session.testResults, own);
    // A file that fails to load or errors outside a test has no test to count.
    if (
      !session.passed &&
      !(session.testResults?.tests?.length || session.testResults?.suites?.length)
    )
      own.filesFailed++;
    if (session.errors?.length) own.filesFailed++;
    // A file with a failed assertion is not rerun, whatever happened after it.
    if (
      own.failed === 0 &&
      session.errors?.some((error) => INTERRUPTED.test(String(error?.message)))
    )
      interrupted.add(session.testFile);
    const sum = (files[session.testFile] ??= zero());
    for (const key of Object.keys(totals)) {
      totals[key] += own[key];
      sum[key] += own[key];
    }
  }
  return { ...totals, files, interrupted: [...interrupted] };
}

export function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      mkdirSync('test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(summarise(sessions)));
    },
  };
}
