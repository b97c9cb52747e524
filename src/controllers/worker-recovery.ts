/**
 * When the inference client tries again: a worker that died is restarted after a growing delay,
 * and given up after repeated deaths; a download that failed is retried on later input, after a
 * doubling delay, a few times. Answers reset the counts.
 */
import type { PadErrorInfo } from '../workers/protocol.js';

/** Delays before restarting after the 1st, 2nd and 3rd consecutive worker death; then give up. */
const RESTART_DELAYS_MS = [0, 1000, 4000];
/** A failed download is retried on later input after this delay, doubling, this many times. */
const FETCH_RETRY_MS = 2000;
const FETCH_RETRIES = 4;

export class WorkerRecovery {
  private deathCount = 0;
  private fetchFailures = 0;
  /** When a failed download may be tried again (performance.now()), or 0 for never. */
  private retryAt = 0;

  /** Consecutive worker deaths. */
  get deaths(): number {
    return this.deathCount;
  }

  /** A new configuration starts with a clean slate. */
  reset(): void {
    this.deathCount = 0;
    this.fetchFailures = 0;
    this.retryAt = 0;
  }

  /** The worker answered a prediction: it is alive. */
  answered(): void {
    this.deathCount = 0;
  }

  /** The models loaded: earlier download failures no longer count. */
  loaded(): void {
    this.fetchFailures = 0;
  }

  /** A retry that was due no longer is (the generation it was for has ended). */
  cancelRetry(): void {
    this.retryAt = 0;
  }

  /** Counts a death; the delay before restarting, or null to give up. */
  died(): number | null {
    this.deathCount++;
    return RESTART_DELAYS_MS[this.deathCount - 1] ?? null;
  }

  /** Notes a failed load; only a failed download is worth trying again. */
  loadFailed(error: PadErrorInfo): void {
    if (error.code !== 'model-fetch' || this.fetchFailures >= FETCH_RETRIES) return;
    this.retryAt = performance.now() + FETCH_RETRY_MS * 2 ** this.fetchFailures++;
  }

  /** Whether a failed download is due to be tried again. */
  get retryDue(): boolean {
    return this.retryAt !== 0 && performance.now() >= this.retryAt;
  }
}
