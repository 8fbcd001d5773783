// One line of `medfl run`'s live table: a committed round with the sites' validation metrics of the new model.
import type { CommittedRound } from '../common/wire/protocolTypes.ts';

export interface RoundSummary {
  readonly round: number;
  readonly sitesIn: number;
  readonly totalExamples: number;
  /** Example-weighted validation loss of the new global model over the sites' local test sets. */
  readonly loss: number;
  /** Unweighted mean of the sites' test accuracies (FLamby's "AvgN"). */
  readonly avgAccuracy: number;
  /** Unweighted mean of the sites' test AUROCs. */
  readonly avgAuroc: number;
  readonly perSiteAccuracy: Readonly<Record<string, number>>;
  readonly modelHash: string;
  readonly txHash: string;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

export function summarizeRound(commit: CommittedRound): RoundSummary {
  const metrics = commit.siteMetrics.map((entry) => entry.metrics);
  const examples = metrics.reduce((sum, m) => sum + m.examples, 0);
  return {
    round: commit.round,
    sitesIn: commit.contributions.length,
    totalExamples: commit.totalExamples,
    loss: examples ? metrics.reduce((sum, m) => sum + m.loss * m.examples, 0) / examples : Number.NaN,
    avgAccuracy: mean(metrics.map((m) => m.accuracy)),
    avgAuroc: mean(metrics.map((m) => m.auroc).filter((value) => Number.isFinite(value))),
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
