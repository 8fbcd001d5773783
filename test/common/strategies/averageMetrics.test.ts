import { describe, expect, it } from 'vitest';
import { averageMetrics } from '../../../common/strategies/averageMetrics.ts';

const site = (auroc: number | null, examples: number, positiveRate: number) =>
  ({ metrics: { loss: 0.3, accuracy: 1, auroc, auprc: auroc, brier: 0.05, positiveRate, examples } });

describe('averageMetrics', () => {
  it('gives null for AUROC and AUPRC when every site\'s split holds one class, and keeps the others', () => {
    expect(averageMetrics([site(null, 5, 0), site(null, 15, 0)])).toEqual({ loss: 0.3, accuracy: 1, auroc: null, auprc: null, brier: 0.05, positiveRate: 0 });
  });

  it('leaves out the sites without a metric, and pools the positive rate by examples', () => {
    const summary = averageMetrics([site(0.9, 10, 0.2), site(null, 30, 0), site(0.7, 40, 0.1)]);
    expect(summary.auroc).toBeCloseTo(0.8, 12);
    expect(summary.positiveRate).toBeCloseTo((0.2 * 10 + 0.1 * 40) / 80, 12);
  });

  it('gives null for every metric with no site at all', () => {
    expect(averageMetrics([])).toEqual({ loss: null, accuracy: null, auroc: null, auprc: null, brier: null, positiveRate: null });
  });
});
