import { describe, expect, it } from 'vitest';
import { bySitePartition } from '../../../datasets/partition/bySitePartition.ts';
import { dataset } from './partitions.helpers.ts';

describe('bySitePartition', () => {
  it('makes one client of each site training split, in order', () => {
    const a = { site: 'a', train: dataset(4), test: dataset(1) };
    const b = { site: 'b', train: dataset(2), test: dataset(1) };
    expect(bySitePartition([a, b])).toEqual([{ site: 'a', data: a.train }, { site: 'b', data: b.train }]);
  });
});
