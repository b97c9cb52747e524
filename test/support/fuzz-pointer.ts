/** Fuzzed pointer streams for the pad, and the ink they should leave (hardening-input.test.ts). */
import fc from 'fast-check';

type Kind = 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel' | 'lostpointercapture';

export interface FuzzEvent {
  kind: Kind;
  id: number;
  pointerType: 'mouse' | 'pen' | 'touch';
  /** 0 main, 1 middle, 2 right, 5 pen eraser. */
  button: number;
  primary: boolean;
  x: number;
  y: number;
  /** Dispatched on the window instead of the pad: a release outside it. */
  outside: boolean;
}

const coordinate = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -0.2, max: 1.2, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, 0) },
);

export const fuzzEvent: fc.Arbitrary<FuzzEvent> = fc.record({
  kind: fc.constantFrom<Kind>(
    'pointerdown',
    'pointermove',
    'pointermove',
    'pointermove',
    'pointerup',
    'pointercancel',
    'lostpointercapture',
  ),
  id: fc.integer({ min: 1, max: 3 }),
  pointerType: fc.constantFrom('mouse', 'pen', 'touch'),
  button: fc.constantFrom(0, 0, 0, 1, 2, 5),
  primary: fc.boolean(),
  x: coordinate,
  y: coordinate,
  outside: fc.boolean(),
});

/** The contract, stated simply: only a primary main-button pointer draws, one at a time. */
export class ExpectedInk {
  strokes = 0;
  private active: { id: number; points: number } | null = null;

  apply(e: FuzzEvent, finite: boolean): void {
    const mine = this.active?.id === e.id;
    if (e.kind === 'pointerdown' && !this.active && e.primary && e.button === 0 && !e.outside) {
      this.active = { id: e.id, points: finite ? 1 : 0 };
    } else if (e.kind === 'pointermove' && mine && !e.outside) {
      this.active!.points += finite ? 1 : 0;
    } else if ((e.kind === 'pointerup' || e.kind === 'lostpointercapture') && mine) {
      if (e.kind === 'lostpointercapture' && e.outside) return;
      if (this.active!.points + (finite ? 1 : 0) > 0) this.strokes++;
      this.active = null;
    } else if (e.kind === 'pointercancel' && mine) {
      this.active = null;
    }
  }

  get total(): number {
    return this.strokes + (this.active && this.active.points > 0 ? 1 : 0);
  }
}

/**
 * Dispatches the event on the pad's surface (or, `outside`, on the page); whether its
 * coordinates map to finite pad units.
 */
export function dispatch(surface: HTMLElement, e: FuzzEvent): boolean {
  const rect = surface.getBoundingClientRect();
  const clientX = rect.left + e.x * rect.width;
  const clientY = rect.top + e.y * rect.height;
  const event = new PointerEvent(e.kind, {
    pointerId: e.id,
    pointerType: e.pointerType,
    isPrimary: e.primary,
    button: e.kind === 'pointermove' ? -1 : e.button,
    buttons: e.kind === 'pointerup' ? 0 : 1,
    bubbles: true,
    composed: true,
  });
  // The constructor refuses non-finite coordinates; a buggy or hostile source can still send them.
  Object.defineProperties(event, {
    clientX: { get: () => clientX },
    clientY: { get: () => clientY },
  });
  (e.outside ? document.body : surface).dispatchEvent(event);
  const unit = Math.min(rect.width, rect.height);
  return (
    Number.isFinite((clientX - rect.left) / unit) && Number.isFinite((clientY - rect.top) / unit)
  );
}
