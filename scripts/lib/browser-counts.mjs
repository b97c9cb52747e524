// How scripts/test.mjs counts a browser suite whose interrupted files were run again.

/**
 * `first` is what test/support/counting-reporter.mjs wrote for the whole run, `rerun` what it
 * wrote for the rerun of `first.interrupted`. Each rerun file's first counts are replaced by the
 * rerun's; a rerun that wrote nothing counts as one failure.
 */
export function withReruns(first, rerun) {
  const totals = {
    passed: first.passed,
    failed: first.failed + first.filesFailed,
    skipped: first.skipped,
  };
  if (first.interrupted.length === 0) return totals;
  if (!rerun) return { ...totals, failed: totals.failed + 1 };
  for (const file of first.interrupted) {
    const own = first.files[file];
    totals.passed -= own.passed;
    totals.failed -= own.failed + own.filesFailed;
    totals.skipped -= own.skipped;
  }
  totals.passed += rerun.passed;
  totals.failed += rerun.failed + rerun.filesFailed;
  totals.skipped += rerun.skipped;
  return totals;
}

/** What failed, as `first` and `rerun` (as for `withReruns`) tell it: a rerun file's by the rerun. */
export function failuresOf(first, rerun) {
  const rerunFiles = new Set(rerun ? first.interrupted : []);
  return [
    ...(first.failures ?? []).filter((failure) => !rerunFiles.has(failure.file)),
    ...(rerun?.failures ?? []),
  ];
}
