import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** The checkout's short commit, or null outside a git checkout. */
export function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/**
 * What a result was measured on. Other work on a 2-core machine skews every timing, so the
 * 1-minute load average is recorded at the run's start (`loadAtStart`, from `loadavg()`) and
 * now, its end.
 */
export function machine({ browser, loadAtStart }) {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    browser,
    commit: gitCommit(),
    loadAverage1m: { start: loadAtStart[0], end: loadavg()[0] },
  };
}
