/**
 * A manual clock for the page: `setTimeout`, `clearTimeout` and `performance.now` stop at the
 * moment it is installed and move only when the test calls `tick`. Backoff delays are then
 * stepped through exactly, instead of being waited for. Timers set before it was installed keep
 * running on the real clock; mocha's own timeouts are unaffected (it keeps the real functions).
 */
export function manualClock() {
  const real = {
    setTimeout: window.setTimeout,
    clearTimeout: window.clearTimeout,
    now: performance.now,
  };
  let now = real.now.call(performance);
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();

  window.setTimeout = ((handler: TimerHandler, ms = 0, ...args: unknown[]) => {
    if (typeof handler !== 'function') throw new TypeError('manualClock: string handler');
    const id = -nextId++;
    timers.set(id, { at: now + Math.max(0, Number(ms) || 0), run: () => handler(...args) });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined && !timers.delete(id)) real.clearTimeout.call(window, id);
  }) as typeof window.clearTimeout;
  performance.now = () => now;

  return {
    /** Timers waiting on this clock. */
    get pending(): number {
      return timers.size;
    },
    /** Moves time on by `ms`, running every timer that falls due, in order, at its time. */
    tick(ms: number): void {
      const until = now + ms;
      for (;;) {
        let first: [number, { at: number; run: () => void }] | undefined;
        for (const entry of timers) if (!first || entry[1].at < first[1].at) first = entry;
        if (!first || first[1].at > until) break;
        timers.delete(first[0]);
        now = first[1].at;
        first[1].run();
      }
      now = until;
    },
    restore(): void {
      window.setTimeout = real.setTimeout;
      window.clearTimeout = real.clearTimeout;
      performance.now = real.now;
    },
  };
}
