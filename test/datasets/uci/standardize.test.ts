import { describe, expect, it } from 'vitest';
import { columnStats, standardizeRows } from '../../../datasets/uci/standardize.ts';

describe('standardize', () => {
  const train = [
    [1, 5],
    [3, 5],
    [5, 5],
  ];

  it('uses the mean and the sample (n − 1) standard deviation, as torch.std does', () => {
    const stats = columnStats(train, 2);
    expect([...stats.mean]).toEqual([3, 5]);
    expect([...stats.std]).toEqual([2, 0]);
  });

  it('applies the train statistics to other rows; a constant column maps its value to 0', () => {
    const stats = columnStats(train, 2);
    expect([...standardizeRows(train, stats)]).toEqual([-1, 0, 0, 0, 1, 0]);
    const [scaled] = standardizeRows([[7, 5]], stats);
    expect(scaled).toBeCloseTo(2, 6);
  });
});
