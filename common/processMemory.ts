// The process's memory as a long-running party logs it after each round, in MB to one decimal: resident set, the V8
// heap in use and committed, memory outside the heap (Buffers, ArrayBuffers, wasm), and the heap in use as the last
// major garbage collection left it. heapUsedMb swings with garbage not yet collected (a host of 16 sites between
// 100 and 190 MB from round to round); heapAfterGcMb is what the heap retains, so a steady rise of it is a leak.
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** A 'gc' entry: its detail says which kind of collection it was. */
type GcEntry = PerformanceEntry & { readonly detail?: { readonly kind?: number } };

export interface ProcessMemoryMb {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
  /** The heap in use when the last major (mark-compact) collection ended, of those since watchMajorGc(); null before one. */
  readonly heapAfterGcMb: number | null;
}

const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;

let heapAfterGc: number | null = null;
let observer: PerformanceObserver | undefined;

/**
 * From now on, notes the heap in use as each major collection ends (the entries arrive just after it, before much is
 * allocated). A long-running party calls it as it starts; processMemoryMb() calls it too.
 */
export function watchMajorGc(): void {
  if (observer) return;
  observer = new PerformanceObserver((list) => {
    const major = list.getEntries().some((entry) => (entry as GcEntry).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (major) heapAfterGc = process.memoryUsage().heapUsed;
  });
  observer.observe({ entryTypes: ['gc'] });
}

export function processMemoryMb(): ProcessMemoryMb {
  watchMajorGc();
  const usage = process.memoryUsage();
  return {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    heapAfterGcMb: heapAfterGc === null ? null : mb(heapAfterGc),
  };
}
