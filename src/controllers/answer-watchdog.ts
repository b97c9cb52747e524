/**
 * Notices a worker that stopped answering: one timer serves many snapshots, since re-arming a
 * timeout per snapshot would cost the main thread more than the rest of sending does.
 */
export class AnswerWatchdog {
  private timer = 0;
  private sentAt = 0;

  constructor(
    /** The time allowed while an answer is awaited, or null when none is. */
    private readonly awaiting: () => number | null,
    /** The snapshot in flight waited that long. */
    private readonly overdue: (timeoutMs: number) => void,
  ) {}

  /** A snapshot was sent now. */
  sent(timeoutMs: number): void {
    this.sentAt = performance.now();
    this.timer ||= window.setTimeout(this.check, timeoutMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = 0;
  }

  private readonly check = (): void => {
    this.timer = 0;
    const timeoutMs = this.awaiting();
    if (timeoutMs === null) return;
    const waited = performance.now() - this.sentAt;
    if (waited >= timeoutMs) this.overdue(timeoutMs);
    else this.timer = window.setTimeout(this.check, timeoutMs - waited);
  };
}
