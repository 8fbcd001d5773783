import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { processMemoryMb } from '../../common/processMemory.ts';

/** This process's own gc(), as --expose-gc would give it (vitest's workers run without the flag). */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('processMemoryMb', () => {
  it('reports this process in MB to one decimal, the heap in use within the heap committed within the RSS', () => {
    const memory = processMemoryMb();
    for (const value of Object.values(memory)) if (value !== null) expect(Math.round(value * 10) / 10).toBe(value);
    expect(memory.heapUsedMb).toBeGreaterThan(1);
    expect(memory.heapUsedMb).toBeLessThanOrEqual(memory.heapTotalMb);
    expect(memory.heapTotalMb).toBeLessThan(memory.rssMb);
  });

  it('sees a retained 64 MB ArrayBuffer as external memory', () => {
    const before = processMemoryMb().externalMb;
    const held = new ArrayBuffer(64 * 2 ** 20);
    expect(processMemoryMb().externalMb - before).toBeGreaterThan(63);
    expect(held.byteLength).toBe(64 * 2 ** 20);
  });

  it('gives the heap a major collection left: up by what is retained, down once it is let go', async () => {
    const gc = exposedGc();
    processMemoryMb();
    gc();
    await settle();
    const base = processMemoryMb().heapAfterGcMb!;
    let retained: number[][] | undefined = Array.from({ length: 200 }, (_, i) => Array.from({ length: 25_000 }, (__, j) => i + j + 0.5));
    gc();
    await settle();
    const holding = processMemoryMb();
    expect(holding.heapAfterGcMb! - base).toBeGreaterThan(30); // 5 M doubles
    expect(retained.length).toBe(200);
    retained = undefined;
    gc();
    await settle();
    expect(processMemoryMb().heapAfterGcMb! - base).toBeLessThan(5);
  });
});
