import { describe, expect, it } from 'vitest';
import { finalMetricsReport } from '../../cli/finalMetricsReport.ts';
import { binaryMetrics } from '../../common/metrics.ts';
import type { FinalEvaluation } from '../../consortium/evaluateFinalModel.ts';

// Rare outcomes, as in the demo's hospitals: one positive in 20 at site-a, none at site-b.
const siteA = binaryMetrics([0.9, ...Array.from({ length: 19 }, (_, i) => 0.01 * i)], [1, ...Array.from({ length: 19 }, () => 0)]);
const siteB = binaryMetrics(Array.from({ length: 10 }, () => 0.02), Array.from({ length: 10 }, () => 0));
const pooled = binaryMetrics([0.9, ...Array.from({ length: 19 }, (_, i) => 0.01 * i), ...Array.from({ length: 10 }, () => 0.02)], [1, ...Array.from({ length: 29 }, () => 0)]);
const evaluation: FinalEvaluation = {
  perSite: { 'site-a': siteA, 'site-b': siteB }, avgAuroc: 1, avgAuprc: 1, brier: 0.01, positiveRate: 1 / 30, avgAccuracy: 1, pooledTest: pooled,
};

describe('finalMetricsReport', () => {
  it('leads with AUROC and AUPRC, accuracy after them, then the positive rate and what it makes of accuracy', () => {
    const [title, headline, base, pooledLine] = finalMetricsReport(evaluation, 'final model (after round 5)').split('\n');
    expect(title).toBe('final model (after round 5), mean over the 2 sites\' test splits:');
    expect(headline).toBe('  AUROC 1.000  AUPRC 1.000  Brier 0.0100  accuracy 100.0%');
    expect(base).toBe('  positive rate 3.3%: never predicting the outcome scores accuracy 97.5%; a random ranking\'s AUPRC is the positive rate');
    expect(pooledLine).toBe('  all test splits pooled: AUROC 1.000  AUPRC 1.000  accuracy 100.0%');
  });

  it('shows n/a for a site whose test split holds one class, and says why', () => {
    const report = finalMetricsReport(evaluation, 'final model (after round 5)');
    expect(report).toMatch(/\nsite-b\s+n\/a\s+n\/a\s+0\.0004\s+0\.0%\s+100\.0%\s+10\n/);
    expect(report).toMatch(/n\/a: that test split holds one class only/);
    expect(finalMetricsReport({ ...evaluation, perSite: { 'site-a': siteA } }, 'final model (after round 5)')).not.toMatch(/n\/a/);
  });
});
