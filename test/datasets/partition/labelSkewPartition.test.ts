import { describe, expect, it } from 'vitest';
import { labelSkewPartition } from '../../../datasets/partition/labelSkewPartition.ts';
import { dataset, range, sorted } from './partitions.helpers.ts';

const positiveShare = (rows: number[], labels: Float32Array) => rows.filter((r) => labels[r] === 1).length / rows.length;

describe('labelSkewPartition', () => {
  const data = dataset(3000, 2);

  it('covers every row once', () => {
    expect(sorted(labelSkewPartition(data.labels, 5, 0.5, 4))).toEqual(range(3000));
  });

  it('skews label mixes strongly for small alpha and barely for large alpha', () => {
    const spread = (alpha: number) => {
      const shares = labelSkewPartition(data.labels, 5, alpha, 4).filter((p) => p.length > 20).map((p) => positiveShare(p, data.labels));
      return Math.max(...shares) - Math.min(...shares);
    };
    expect(spread(0.1)).toBeGreaterThan(0.5);
    expect(spread(1000)).toBeLessThan(0.1);
  });

  it('refuses a non-positive alpha', () => {
    expect(() => labelSkewPartition(data.labels, 2, 0, 1)).toThrow(expect.objectContaining({ code: 'USAGE', message: 'Dirichlet alpha must be positive (got 0)' }));
  });
});
