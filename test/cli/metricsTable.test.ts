import { describe, expect, it } from 'vitest';
import { METRIC_HEADERS, metricCells, metricsTable } from '../../cli/metricsTable.ts';
import { binaryMetrics } from '../../common/metrics.ts';

describe('metricCells', () => {
  it('puts AUROC, AUPRC, Brier and the positive rate before accuracy', () => {
    expect(METRIC_HEADERS).toEqual(['AUROC', 'AUPRC', 'Brier', 'pos. rate', 'accuracy']);
    expect(metricCells({ auroc: 0.8512, auprc: 0.2049, brier: 0.03456, positiveRate: 0.04, accuracy: 0.9712 }))
      .toEqual(['0.851', '0.205', '0.0346', '4.0%', '97.1%']);
  });

  it('shows n/a for a metric the split cannot define (null) and for NaN', () => {
    expect(metricCells({ auroc: null, auprc: null, brier: Number.NaN, positiveRate: 0, accuracy: 1 })).toEqual(['n/a', 'n/a', 'n/a', '0.0%', '100.0%']);
  });
});

describe('metricsTable', () => {
  it('labels each row and ends with the example count', () => {
    const text = metricsTable('site', { 'site-a': binaryMetrics([0.9, 0.2], [1, 0]), 'site-b': binaryMetrics([0.1, 0.3], [0, 0]) });
    const [header, , first, second] = text.split('\n');
    expect(header).toMatch(/^site\s+AUROC\s+AUPRC\s+Brier\s+pos\. rate\s+accuracy\s+examples$/);
    expect(first).toMatch(/^site-a\s+1\.000\s+1\.000\s+0\.0250\s+50\.0%\s+100\.0%\s+2$/);
    expect(second).toMatch(/^site-b\s+n\/a\s+n\/a\s+0\.0500\s+0\.0%\s+100\.0%\s+2$/);
  });
});
