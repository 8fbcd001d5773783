// A committed round as `medfl run` reports it: the sites' test metrics of the new model, combined by the strategy.
import type { Strategy } from '../common/strategies/Strategy.ts';
import type { CommittedRound, ValidationMetrics } from '../common/wire/protocolTypes.ts';

export interface RoundSummary {
  readonly round: number;
  readonly sitesIn: number;
  readonly totalExamples: number;
  /** Test loss of the new global model over the sites' test splits, as the run's strategy combines it. */
  readonly loss: number | null;
  /** The sites' test AUROCs, as the run's strategy combines them (FedAvg: unweighted, FLamby's "AvgN"); null when no site's split holds both classes. */
  readonly avgAuroc: number | null;
  /** The sites' AUPRCs (average precision), combined like AUROC. */
  readonly avgAuprc: number | null;
  readonly brier: number | null;
  /** Share of positive cases over the sites' test splits: the AUPRC of a random ranking. */
  readonly positiveRate: number | null;
  /** The sites' test accuracies at p > 0.5, as the run's strategy combines them. */
  readonly avgAccuracy: number | null;
  readonly perSite: Readonly<Record<string, ValidationMetrics>>;
  readonly modelHash: string;
  readonly txHash: string;
}

/** The round's metrics are combined by the run's strategy (its aggregateEvaluate), not here. */
export function summarizeRound(commit: CommittedRound, strategy: Pick<Strategy, 'aggregateEvaluate'>): RoundSummary {
  const evaluation = strategy.aggregateEvaluate(commit.siteMetrics);
  return {
    round: commit.round,
    sitesIn: commit.contributions.length,
    totalExamples: commit.totalExamples,
    loss: evaluation.loss,
    avgAuroc: evaluation.auroc,
    avgAuprc: evaluation.auprc,
    brier: evaluation.brier,
    positiveRate: evaluation.positiveRate,
    avgAccuracy: evaluation.accuracy,
    perSite: Object.fromEntries(commit.siteMetrics.map((entry) => [entry.site, entry.metrics])),
    modelHash: commit.modelHash,
    txHash: commit.txHash,
  };
}
