import { describe, expect, it } from 'vitest';
import { meanOf, summarize } from '../../../experiments/runner/statistics.ts';

describe('summarize', () => {
  it('gives the mean and the sample (n − 1) standard deviation', () => {
    const stats = summarize([0.6, 0.7, 0.8]);
    expect(stats.mean).toBeCloseTo(0.7, 12);
    expect(stats.std).toBeCloseTo(0.1, 12);
    expect(stats.n).toBe(3);
  });

  it('skips missing values (AUROC of a one-class test set) and has no std for one value', () => {
    expect(summarize([null, 0.5, null])).toEqual({ mean: 0.5, std: null, n: 1 });
    expect(summarize([null])).toEqual({ mean: null, std: null, n: 0 });
  });

  it('averages sites without weights (FLamby AvgN)', () => {
    expect(meanOf([0.9, 0.5, null])).toBeCloseTo(0.7, 12);
  });
});
