import type { InkPoint } from '../ink/ink.js';
import type { RecordedStroke } from '../ink/history.js';

/**
 * The stroke being drawn, from its pointer reports. Reports of `pointerrawupdate` arrive first
 * and are provisional: Chromium's raw updates can run late and carry reports of the next stroke
 * before the `pointerup` that ends this one. Each `pointermove` is the record: it rewrites the
 * provisional tail with its own reports, and the release drops whatever no `pointermove`
 * confirmed (see InkRecorder).
 */
export class ActiveStroke {
  readonly points: InkPoint[] = [];
  /** When each point was reported. */
  private readonly times: number[] = [];
  /** How many points came from `pointerdown` and `pointermove`. */
  private confirmed = 0;
  /** Time of the latest report seen, so that a raw update skips reports already recorded. */
  private lastTime: number;

  constructor(
    readonly id: number,
    private readonly toPad: (report: PointerEvent) => InkPoint | null,
    down: PointerEvent,
  ) {
    this.lastTime = down.timeStamp;
    this.add(down);
    this.confirmed = this.points.length;
  }

  /** Records a raw update's reports, provisionally; whether the stroke grew. */
  raw(event: PointerEvent): boolean {
    let grew = false;
    for (const report of reportsOf(event)) {
      // Raw updates can repeat reports that a pointermove has already delivered.
      if (report.timeStamp <= this.lastTime) continue;
      this.lastTime = report.timeStamp;
      grew = this.add(report) || grew;
    }
    return grew;
  }

  /**
   * Rewrites the provisional tail with the reports of this `pointermove`: 'extend' when the
   * stroke only grew, 'replace' when points already shown changed, null when nothing did.
   */
  move(event: PointerEvent): 'extend' | 'replace' | null {
    const { points } = this;
    const from = this.confirmed;
    const tail = points.splice(from);
    const tailTimes = this.times.splice(from);
    for (const report of reportsOf(event)) this.add(report);
    this.confirmed = points.length;
    // Raw reports later than this event stay provisional, until the next pointermove.
    tail.forEach((point, i) => {
      if (tailTimes[i] > event.timeStamp) this.push(point, tailTimes[i]);
    });
    this.lastTime = Math.max(this.lastTime, event.timeStamp);
    // Usually the raw updates had all these reports already, or the first of them.
    if (!startsWith(points, from, tail)) return 'replace';
    return points.length - from > tail.length ? 'extend' : null;
  }

  /**
   * Ends the stroke at the release: drops the provisional points, then adds the release's
   * position. `overran`: provisional points were taken back; `grew`: the release added one.
   */
  release(event: PointerEvent): { overran: boolean; grew: boolean } {
    const overran = this.confirmed < this.points.length;
    this.points.length = this.times.length = this.confirmed;
    return { overran, grew: this.add(event) };
  }

  /** The stroke with its id and times; it ends at its last report. */
  get recorded(): RecordedStroke {
    return { id: this.id, points: this.points, start: this.times[0], end: this.times.at(-1)! };
  }

  /** Adds the report's position; false if it added nothing. */
  private add(report: PointerEvent): boolean {
    const point = this.toPad(report);
    return point !== null && this.push(point, report.timeStamp);
  }

  private push(point: InkPoint, time: number): boolean {
    const last = this.points.at(-1);
    if (last && last.x === point.x && last.y === point.y) return false;
    this.points.push(point);
    this.times.push(time);
    return true;
  }
}

/** The reports the browser merged into this event, or the event itself. */
function reportsOf(event: PointerEvent): readonly PointerEvent[] {
  const coalesced = event.getCoalescedEvents?.() ?? [];
  return coalesced.length ? coalesced : [event];
}

/** Whether `stroke` continues with `points` from index `from`, point for point. */
function startsWith(
  stroke: readonly InkPoint[],
  from: number,
  points: readonly InkPoint[],
): boolean {
  if (stroke.length - from < points.length) return false;
  return points.every((p, i) => stroke[from + i].x === p.x && stroke[from + i].y === p.y);
}
