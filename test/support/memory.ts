import { sleep } from './errors.js';

type GcWindow = Window & { gc?: () => void };
type MemoryPerformance = Performance & { memory?: { usedJSHeapSize: number } };

/** JS heap in use after a full collection (Chromium with --expose-gc and precise memory info). */
export async function heapAfterGc(): Promise<number> {
  const { gc } = window as GcWindow;
  const { memory } = performance as MemoryPerformance;
  if (!gc || !memory)
    throw new Error('run Chromium with --js-flags=--expose-gc --enable-precise-memory-info');
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(50);
  }
  return memory.usedJSHeapSize;
}
