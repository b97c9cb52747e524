// Writes the run's totals where scripts/test.mjs can add them to the closing line.
import { mkdirSync, writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, filesFailed: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that fails to load or errors outside a test has no test to count.
        if (
          !session.passed &&
          !(session.testResults?.tests?.length || session.testResults?.suites?.length)
        )
          totals.filesFailed++;
        if (session.errors?.length) totals.filesFailed++;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
