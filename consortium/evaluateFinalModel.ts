// The final model scored on every site's held-out test split, as FLamby reports it (per site and the mean over sites),
// and on all test splits pooled, which holds enough positive cases to rank a rare outcome where one site's split does not.
import type { BinaryMetrics } from '../common/metrics.ts';
import { readModelDir } from '../common/model/modelDir.ts';
import { averageMetrics } from '../common/strategies/averageMetrics.ts';
import { poolDatasets } from '../datasets/poolDatasets.ts';
import type { SiteSplit } from '../datasets/tabular.ts';
import { evaluateModel } from '../participant/training/evaluateModel.ts';

/** Means over sites as the rounds report them (averageMetrics); a metric no site's split defines is null. */
export interface FinalEvaluation {
  readonly perSite: Readonly<Record<string, BinaryMetrics>>;
  /** Unweighted mean of the sites' AUROCs over the sites whose test split holds both classes. */
  readonly avgAuroc: number | null;
  readonly avgAuprc: number | null;
  /** Brier score pooled over the sites' test examples. */
  readonly brier: number | null;
  /** Share of positive cases pooled over the sites' test splits, which AUPRC is to be read against. */
  readonly positiveRate: number | null;
  /** Unweighted mean of the sites' test accuracies (FLamby's "AvgN"). */
  readonly avgAccuracy: number | null;
  /** Every metric over the sites' test examples pooled into one set (micro-averaged). */
  readonly pooledTest: BinaryMetrics;
}

export async function evaluateFinalModel(modelDir: string, splits: readonly SiteSplit[]): Promise<FinalEvaluation> {
  const model = readModelDir(modelDir);
  const perSite: Record<string, BinaryMetrics> = {};
  for (const split of splits) perSite[split.site] = await evaluateModel(model, split.test);
  const average = averageMetrics(Object.values(perSite).map((metrics) => ({ metrics })));
  return {
    perSite,
    avgAuroc: average.auroc,
    avgAuprc: average.auprc,
    brier: average.brier,
    positiveRate: average.positiveRate,
    avgAccuracy: average.accuracy,
    pooledTest: await evaluateModel(model, poolDatasets(splits.map((split) => split.test))),
  };
}
