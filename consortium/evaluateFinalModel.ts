// The final model scored on every site's held-out test split, as FLamby reports it (per site and the unweighted mean).
import type { BinaryMetrics } from '../common/metrics.ts';
import { readModelDir } from '../common/model/modelDir.ts';
import type { SiteSplit } from '../datasets/tabular.ts';
import { evaluateModel } from '../participant/training/evaluateModel.ts';

export interface FinalEvaluation {
  readonly perSite: Readonly<Record<string, BinaryMetrics>>;
  /** Unweighted mean of the sites' test accuracies (FLamby's "AvgN"). */
  readonly avgAccuracy: number;
  readonly avgAuroc: number;
}

export async function evaluateFinalModel(modelDir: string, splits: readonly SiteSplit[]): Promise<FinalEvaluation> {
  const model = readModelDir(modelDir);
  const perSite: Record<string, BinaryMetrics> = {};
  for (const split of splits) perSite[split.site] = await evaluateModel(model, split.test);
  const metrics = Object.values(perSite);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return {
    perSite,
    avgAccuracy: mean(metrics.map((m) => m.accuracy)),
    avgAuroc: mean(metrics.map((m) => m.auroc ?? Number.NaN).filter(Number.isFinite)),
  };
}
