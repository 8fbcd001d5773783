// How the sites' test metrics of one model combine into the consortium's: what FedAvg reports for every round and
// `medfl run` for the final model, so both read the same way. Pure arithmetic on numbers.
import type { EvaluationSummary, SiteEvaluation } from './Strategy.ts';

type SiteMetric = (metrics: SiteEvaluation['metrics']) => number | null;

/**
 * The mean of one metric over the sites that have it (a one-class split has no AUROC or AUPRC), weighted by their
 * test examples or not; null when no site has it.
 */
function meanOver(evaluations: readonly Pick<SiteEvaluation, 'metrics'>[], pick: SiteMetric, byExamples: boolean): number | null {
  let sum = 0;
  let weight = 0;
  for (const { metrics } of evaluations) {
    const value = pick(metrics);
    if (value === null || !Number.isFinite(value)) continue;
    const w = byExamples ? metrics.examples : 1;
    sum += value * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : null;
}

/**
 * Per-example means (loss, Brier score, positive rate) weighted by each site's examples, which gives their pooled
 * value; per-site scores (accuracy, AUROC, AUPRC) as unweighted means over the sites that have them (FLamby's
 * "AvgN"), so a large hospital does not hide a small one's result. A metric no site has is null.
 */
export function averageMetrics(evaluations: readonly Pick<SiteEvaluation, 'metrics'>[]): EvaluationSummary {
  return {
    loss: meanOver(evaluations, (m) => m.loss, true),
    accuracy: meanOver(evaluations, (m) => m.accuracy, false),
    auroc: meanOver(evaluations, (m) => m.auroc, false),
    auprc: meanOver(evaluations, (m) => m.auprc, false),
    brier: meanOver(evaluations, (m) => m.brier, true),
    positiveRate: meanOver(evaluations, (m) => m.positiveRate, true),
  };
}
