import { sleep } from './errors.js';

type GcWindow = Window & { gc?: () => void };
type MemoryPerformance = Performance & { memory?: { usedJSHeapSize: number } };

/**
 * Whether this engine reports its heap and lets a page collect garbage: Chromium with the flags
 * in test/support/dev-server.mjs. Firefox and WebKit expose neither to a page.
 */
export function heapMeasurable(): boolean {
  return (
    typeof (window as GcWindow).gc === 'function' && !!(performance as MemoryPerformance).memory
  );
}

/**
 * JS heap in use after full collections, at its lowest over about a second: right after a busy
 * stretch a collection can still find memory held that is released a little later. Leaked
 * memory is never released, so the lowest reading still holds all of it.
 */
export async function heapAfterGc(): Promise<number> {
  const { gc } = window as GcWindow;
  const { memory } = performance as MemoryPerformance;
  if (!gc || !memory) throw new Error('heapAfterGc needs heapMeasurable()');
  let lowest = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    await sleep(100);
    lowest = Math.min(lowest, memory.usedJSHeapSize);
  }
  return lowest;
}
