// One line of `medfl run`'s live table: a committed round with the sites' validation metrics of the new model.
import type { Strategy } from '../common/strategies/Strategy.ts';
import type { CommittedRound } from '../common/wire/protocolTypes.ts';

export interface RoundSummary {
  readonly round: number;
  readonly sitesIn: number;
  readonly totalExamples: number;
  /** Validation loss of the new global model over the sites' local test sets, as the run's strategy combines it. */
  readonly loss: number;
  /** The sites' test accuracies, as the run's strategy combines them (FedAvg: unweighted, FLamby's "AvgN"). */
  readonly avgAccuracy: number;
  /** The sites' test AUROCs, as the run's strategy combines them. */
  readonly avgAuroc: number;
  readonly perSiteAccuracy: Readonly<Record<string, number>>;
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
    avgAccuracy: evaluation.accuracy,
    avgAuroc: evaluation.auroc,
    perSiteAccuracy: Object.fromEntries(commit.siteMetrics.map((entry) => [entry.site, entry.metrics.accuracy])),
    modelHash: commit.modelHash,
    txHash: commit.txHash,
  };
}

export const ROUND_TABLE_HEADERS = ['round', 'sites', 'examples', 'loss', 'avg acc', 'avg auroc', 'tx'];

export function roundTableRow(summary: RoundSummary): string[] {
  return [
    String(summary.round),
    String(summary.sitesIn),
    String(summary.totalExamples),
    summary.loss.toFixed(4),
    `${(summary.avgAccuracy * 100).toFixed(1)}%`,
    Number.isFinite(summary.avgAuroc) ? summary.avgAuroc.toFixed(3) : '-',
    `${summary.txHash.slice(0, 12)}…`,
  ];
}
