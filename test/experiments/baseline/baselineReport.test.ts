import { describe, expect, it } from 'vitest';
import { baselineTables, type BaselineReport } from '../../../experiments/baseline/baselineReport.ts';
import { seedStat, type ScoreStats } from '../../../experiments/baseline/summarizeBaseline.ts';

const stats = (auroc: number | null, accuracy: number): ScoreStats => ({
  auroc: seedStat([auroc]), auprc: seedStat([auroc === null ? null : auroc / 2]), brier: seedStat([0.05]), positiveRate: seedStat([0.04]), accuracy: seedStat([accuracy]),
});

const report: BaselineReport = {
  request: { dataset: 'd', backend: 'cpu', mode: 'pooled', seeds: [1], model: { kind: 'logistic' }, training: { optimizer: 'adam', learningRate: 0.001, batchSize: 4, localEpochs: 1 } },
  sites: ['a', 'b'],
  rows: [{ trainedOn: 'pooled', sites: { a: stats(0.8, 0.96), b: stats(null, 1) }, average: stats(0.8, 0.98), pooled: stats(0.82, 0.97) }],
  pooledStandardisation: 'pooled-train',
  labelRates: [],
  seconds: 1,
};

describe('baselineTables', () => {
  it('gives AUROC and AUPRC first, then Brier and the positive rate, accuracy last; n/a where a test set holds one class', () => {
    const { headers, scores } = baselineTables(report);
    expect(headers).toEqual(['trained on', 'a', 'b', 'Avg2', 'pooled test']);
    expect(scores.map(({ title }) => title.split(' (')[0]!.split(',')[0])).toEqual(['test AUROC', 'test AUPRC', 'test Brier score', 'test positive rate', 'test accuracy']);
    expect(scores[0]?.rows).toEqual([['pooled', '0.800 ± 0.000', 'n/a', '0.800 ± 0.000', '0.820 ± 0.000']]);
    expect(scores[3]?.rows[0]?.[1]).toBe('4.0 ± 0.0');
    expect(scores[4]?.rows[0]?.[1]).toBe('96.0 ± 0.0');
  });
});
