import { describe, expect, it } from 'vitest';
import { processMemoryMb } from '../../common/processMemory.ts';

describe('processMemoryMb', () => {
  it('reports this process in MB to one decimal, the heap in use within the heap committed within the RSS', () => {
    const memory = processMemoryMb();
    for (const value of Object.values(memory)) expect(Math.round(value * 10) / 10).toBe(value);
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
});
