import { describe, expect, it } from 'vitest';
import { selectRows } from '../../../datasets/partition/selectRows.ts';
import { dataset } from './partitions.helpers.ts';

describe('selectRows', () => {
  it('copies the chosen rows with their labels, in the order given', () => {
    const part = selectRows(dataset(5), [3, 0]);
    expect(part.rows).toBe(2);
    expect(Array.from(part.features)).toEqual([6, 7, 0, 1]);
    expect(Array.from(part.labels)).toEqual([1, 1]);
    expect(part.featureNames).toEqual(['x', 'y']);
  });
});
