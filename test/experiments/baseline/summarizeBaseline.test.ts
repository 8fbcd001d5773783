import { describe, expect, it } from 'vitest';
import type { BinaryMetrics } from '../../../common/metrics.ts';
import type { BaselineRun } from '../../../experiments/baseline/runBaseline.ts';
import { seedStat, summarizeBaseline } from '../../../experiments/baseline/summarizeBaseline.ts';

const scores = (accuracy: number, auroc: number | null): BinaryMetrics => ({ accuracy, auroc, auprc: auroc, loss: 0, brier: 0, positiveRate: 0.5, examples: 10 });

describe('seedStat', () => {
  it('gives mean and sample std, skipping nulls', () => {
    const stat = seedStat([0.5, 0.7, null]);
    expect(stat.mean).toBeCloseTo(0.6, 12);
    expect(stat.std).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(stat.values).toEqual([0.5, 0.7, null]);
    expect(seedStat([0.5])).toMatchObject({ mean: 0.5, std: 0 });
    expect(seedStat([null])).toMatchObject({ mean: null, std: null });
  });
});

describe('summarizeBaseline', () => {
  it('averages the centres per seed (unweighted), then over seeds', () => {
    const runs: BaselineRun[] = [
      { trainedOn: 'pooled', seed: 1, tests: { a: scores(0.8, 0.9), b: scores(0.6, null), pooled: scores(0.75, 0.85) } },
      { trainedOn: 'pooled', seed: 2, tests: { a: scores(0.9, 0.7), b: scores(0.5, null), pooled: scores(0.8, 0.8) } },
    ];
    const [row] = summarizeBaseline(runs, ['a', 'b']);
    expect(row?.trainedOn).toBe('pooled');
    expect(row?.sites.a?.accuracy.mean).toBeCloseTo(0.85, 12);
    expect(row?.average.accuracy.values).toEqual([0.7, 0.7]);
    expect(row?.average.accuracy.std).toBe(0);
    expect(row?.average.auroc.values).toEqual([0.9, 0.7]);
    expect(row?.sites.b?.auroc.mean).toBeNull();
    expect(row?.pooled.accuracy.mean).toBeCloseTo(0.775, 12);
  });

  it('summarises AUPRC, Brier score and the positive rate like accuracy, AUPRC null where a test set holds one class', () => {
    const runs: BaselineRun[] = [1, 2].map((seed) => ({
      trainedOn: 'pooled', seed, tests: { a: { ...scores(0.9, 0.8), auprc: 0.3 * seed, positiveRate: 0.1 }, b: scores(0.9, null), pooled: scores(0.9, 0.8) },
    }));
    const [row] = summarizeBaseline(runs, ['a', 'b']);
    expect(Object.keys(row?.sites.a ?? {})).toEqual(['auroc', 'auprc', 'brier', 'positiveRate', 'accuracy']);
    expect(row?.sites.a?.auprc).toMatchObject({ values: [0.3, 0.6] });
    expect(row?.sites.a?.positiveRate).toMatchObject({ mean: 0.1, std: 0 });
    expect(row?.sites.b?.auprc.mean).toBeNull();
    expect(row?.average.auprc.values).toEqual([0.3, 0.6]);
    expect(row?.average.positiveRate.mean).toBeCloseTo(0.3, 12);
  });

  it('gives one row per training set, in run order', () => {
    const runs: BaselineRun[] = ['x', 'y'].map((trainedOn) => ({ trainedOn, seed: 1, tests: { x: scores(1, 1), pooled: scores(1, 1) } }));
    expect(summarizeBaseline(runs, ['x']).map((row) => row.trainedOn)).toEqual(['x', 'y']);
  });
});
