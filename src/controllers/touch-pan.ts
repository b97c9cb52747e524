import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface TouchPanOptions {
  /** The element touched; listened to once it exists. */
  surface(): HTMLElement | undefined;
  /** Whether two fingers move the view (the line modes); else a second finger is ignored. */
  enabled(): boolean;
  /** Drops the stroke the first finger began. */
  cancelStroke(): void;
  /** Moves the view `by` CSS pixels along the line (negative: back towards its start). */
  pan(by: number): void;
}

/**
 * A second finger that lands soon after the first makes a two-finger swipe: the first finger's
 * stroke (a few points at most) is dropped, and the view moves with the fingers along the line.
 * Later, a second touch is a resting hand and changes nothing, as before: one finger writes.
 */
const TWO_FINGER_MS = 300;

export class TouchPanController implements ReactiveController {
  /** Where each finger on the surface is (clientX), and when it landed. */
  private readonly touches = new Map<number, { x: number; time: number }>();
  private panning = false;
  /** The fingers' mean x when the view last moved. */
  private anchor = 0;
  private listening: HTMLElement | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: TouchPanOptions,
  ) {
    host.addController(this);
  }

  /** A pad moved in the document is listened to again, without waiting for an update. */
  hostConnected(): void {
    this.hostUpdated();
  }

  hostUpdated(): void {
    const surface = this.options.surface() ?? null;
    if (surface === this.listening) return;
    this.hostDisconnected();
    surface?.addEventListener('pointerdown', this.down);
    surface?.addEventListener('pointermove', this.move);
    for (const type of ['pointerup', 'pointercancel'] as const) {
      surface?.addEventListener(type, this.up);
    }
    this.listening = surface;
  }

  hostDisconnected(): void {
    const surface = this.listening;
    surface?.removeEventListener('pointerdown', this.down);
    surface?.removeEventListener('pointermove', this.move);
    for (const type of ['pointerup', 'pointercancel'] as const) {
      surface?.removeEventListener(type, this.up);
    }
    this.listening = null;
    this.touches.clear();
    this.panning = false;
  }

  private readonly down = (event: PointerEvent): void => {
    if (event.pointerType !== 'touch') return;
    const [first] = this.touches.values();
    if (
      this.touches.size === 1 &&
      event.timeStamp - first.time <= TWO_FINGER_MS &&
      this.options.enabled()
    ) {
      this.panning = true;
      this.options.cancelStroke();
    }
    this.touches.set(event.pointerId, { x: event.clientX, time: event.timeStamp });
    if (this.panning) this.anchor = this.meanX();
  };

  private readonly move = (event: PointerEvent): void => {
    const touch = this.touches.get(event.pointerId);
    if (!touch) return;
    touch.x = event.clientX;
    if (!this.panning || this.touches.size < 2) return;
    const mean = this.meanX();
    // Content follows the fingers: a swipe to the right brings back what lies to the left.
    this.options.pan(this.anchor - mean);
    this.anchor = mean;
  };

  private readonly up = (event: PointerEvent): void => {
    if (!this.touches.delete(event.pointerId)) return;
    if (this.touches.size === 0) this.panning = false;
    else if (this.panning) this.anchor = this.meanX();
  };

  private meanX(): number {
    let sum = 0;
    for (const { x } of this.touches.values()) sum += x;
    return sum / this.touches.size;
  }
}
