import { describe, expect, it } from 'vitest';
import { iidPartition } from '../../../datasets/partition/iidPartition.ts';
import { range, sorted } from './partitions.helpers.ts';

describe('iidPartition', () => {
  it('deals every row to exactly one of nearly equal parts, the same way for a seed', () => {
    const parts = iidPartition(103, 4, 1);
    expect(sorted(parts)).toEqual(range(103));
    expect(parts.map((p) => p.length)).toEqual([26, 26, 26, 25]);
    expect(iidPartition(103, 4, 1)).toEqual(parts);
    expect(iidPartition(103, 4, 2)).not.toEqual(parts);
  });

  it('refuses more clients than rows', () => {
    expect(() => iidPartition(3, 4, 1)).toThrow(expect.objectContaining({ code: 'USAGE', message: 'cannot split 3 rows into 4 clients: need an integer between 1 and the row count' }));
  });
});
