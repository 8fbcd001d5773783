// Where a running encrypted sum keeps its chunks between folds, so the coordinator can keep them on disk, not in memory.
import { MedflError } from '../MedflError.ts';

/**
 * The current sum is read chunk by chunk while the next one is written beside it; `commit` makes the written chunks
 * the current sum. A fold that fails half-way never commits, so the sum stays what it was.
 */
export interface SumChunks {
  read(index: number): Uint8Array;
  write(index: number, bytes: Uint8Array): void;
  commit(): void;
  dispose(): void;
}

/** Both generations in memory: for sums small enough to hold, and for tests. */
export function memorySumChunks(): SumChunks {
  let current = new Map<number, Uint8Array>();
  let next = new Map<number, Uint8Array>();
  return {
    read(index) {
      const bytes = current.get(index);
      if (!bytes) throw new MedflError('INTERNAL', `the running sum has no chunk ${index}`);
      return bytes;
    },
    write: (index, bytes) => void next.set(index, bytes),
    commit() {
      current = next;
      next = new Map();
    },
    dispose() {
      current = new Map();
      next = new Map();
    },
  };
}
