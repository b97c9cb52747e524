// How scripts/test.mjs counts a browser suite whose interrupted files were run again.
import { relative } from 'node:path';

/**
 * `first` and `rerun` are what test/support/counting-reporter.mjs wrote for the whole run and
 * for the rerun of `retried` (paths relative to `cwd`). Each rerun file's first counts are
 * replaced by the rerun's; a rerun that wrote nothing counts as one failure.
 */
export function withReruns(first, rerun, retried, cwd = process.cwd()) {
  const totals = {
    passed: first.passed,
    failed: first.failed + first.filesFailed,
    skipped: first.skipped,
  };
  if (retried.length === 0) return totals;
  if (!rerun) return { ...totals, failed: totals.failed + 1 };
  for (const [file, own] of Object.entries(first.files)) {
    if (!retried.includes(relative(cwd, file))) continue;
    totals.passed -= own.passed;
    totals.failed -= own.failed + own.filesFailed;
    totals.skipped -= own.skipped;
  }
  totals.passed += rerun.passed;
  totals.failed += rerun.failed + rerun.filesFailed;
  totals.skipped += rerun.skipped;
  return totals;
}
