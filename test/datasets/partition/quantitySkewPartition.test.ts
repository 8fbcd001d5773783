import { describe, expect, it } from 'vitest';
import { quantitySkewPartition } from '../../../datasets/partition/quantitySkewPartition.ts';
import { range, sorted } from './partitions.helpers.ts';

describe('quantitySkewPartition', () => {
  it('covers every row once and gives every client at least one', () => {
    const parts = quantitySkewPartition(500, 8, 0.2, 3);
    expect(sorted(parts)).toEqual(range(500));
    expect(parts.every((p) => p.length >= 1)).toBe(true);
  });

  it('makes sizes unequal for small alpha and nearly equal for large alpha', () => {
    const ratio = (alpha: number) => {
      const sizes = quantitySkewPartition(2000, 5, alpha, 3).map((p) => p.length);
      return Math.max(...sizes) / Math.min(...sizes);
    };
    expect(ratio(0.3)).toBeGreaterThan(5);
    expect(ratio(1000)).toBeLessThan(1.3);
  });
});
