// The headline of a model's test scores over a plan's sites (`medfl run`'s final report, `medfl evaluate`).
import type { FinalEvaluation } from '../consortium/evaluateFinalModel.ts';
import { formatPercent, formatScore, metricsTable } from './metricsTable.ts';

/**
 * The final model's headline: AUROC and AUPRC first, accuracy after them, and the positive rate that says what
 * accuracy is worth: with outcomes at a few per cent, a model that never predicts them is right 97 % of the time.
 */
export function finalMetricsReport(evaluation: FinalEvaluation, model: string): string {
  const sites = Object.values(evaluation.perSite);
  // Averaged over sites like the accuracy it is read against (AvgN), not pooled like the positive rate.
  const neverPositive = sites.length ? sites.reduce((sum, metrics) => sum + (1 - metrics.positiveRate), 0) / sites.length : null;
  const lines = [
    `${model}, mean over ${sites.length === 1 ? "the site's test split" : `the ${sites.length} sites' test splits`}:`,
    `  AUROC ${formatScore(evaluation.avgAuroc, 3)}  AUPRC ${formatScore(evaluation.avgAuprc, 3)}  ` +
      `Brier ${formatScore(evaluation.brier, 4)}  accuracy ${formatPercent(evaluation.avgAccuracy)}`,
    `  positive rate ${formatPercent(evaluation.positiveRate)}: never predicting the outcome scores accuracy ${formatPercent(neverPositive)}; ` +
      'a random ranking\'s AUPRC is the positive rate',
    `  all test splits pooled: AUROC ${formatScore(evaluation.pooledTest.auroc, 3)}  AUPRC ${formatScore(evaluation.pooledTest.auprc, 3)}  ` +
      `accuracy ${formatPercent(evaluation.pooledTest.accuracy)}`,
    metricsTable('site', evaluation.perSite),
  ];
  if (sites.some((metrics) => metrics.auroc === null)) {
    lines.push('n/a: that test split holds one class only; AUROC and AUPRC are undefined there and left out of the means');
  }
  return lines.join('\n');
}
