import { sleep } from './errors.js';

type GcWindow = Window & { gc?: () => void };
type MemoryPerformance = Performance & { memory?: { usedJSHeapSize: number } };

/**
 * JS heap in use after full collections, at its lowest over about a second: right after a busy
 * stretch a collection can still find memory held that is released a little later. Leaked
 * memory is never released, so the lowest reading still holds all of it.
 */
export async function heapAfterGc(): Promise<number> {
  const { gc } = window as GcWindow;
  const { memory } = performance as MemoryPerformance;
  if (!gc || !memory)
    throw new Error('run Chromium with --js-flags=--expose-gc --enable-precise-memory-info');
  let lowest = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    await sleep(100);
    lowest = Math.min(lowest, memory.usedJSHeapSize);
  }
  return lowest;
}
