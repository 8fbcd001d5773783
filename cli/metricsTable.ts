// The metric columns of every table medfl prints for a model's test scores. Clinical outcomes are rare, so the
// ranking metrics and the positive rate come first and accuracy after; a metric a split cannot define shows "n/a".
import type { BinaryMetrics } from '../common/metrics.ts';
import { table } from './output.ts';

/** The scores a table shows; each may be null (one class in a split, or no site had it). */
export type ShownMetrics = { readonly [K in 'auroc' | 'auprc' | 'brier' | 'positiveRate' | 'accuracy']: number | null };

export const METRIC_HEADERS: readonly string[] = ['AUROC', 'AUPRC', 'Brier', 'pos. rate', 'accuracy'];

const NOT_AVAILABLE = 'n/a';

/** A score with `digits` decimals, or "n/a" when it is null or not finite (NaN reached JSON as null anyway). */
export function formatScore(value: number | null, digits: number): string {
  return value !== null && Number.isFinite(value) ? value.toFixed(digits) : NOT_AVAILABLE;
}

/** A share as a percentage with one decimal, or "n/a". */
export function formatPercent(value: number | null): string {
  return value !== null && Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : NOT_AVAILABLE;
}

/** The cells under METRIC_HEADERS, in that order. */
export function metricCells(metrics: ShownMetrics): string[] {
  return [
    formatScore(metrics.auroc, 3),
    formatScore(metrics.auprc, 3),
    // Four decimals: with a 2 % positive rate a useful Brier score sits near 0.02.
    formatScore(metrics.brier, 4),
    formatPercent(metrics.positiveRate),
    formatPercent(metrics.accuracy),
  ];
}

/** A whole table: one row per entry of `rows` (labelled under `labelHeader`), the metric columns, then the examples. */
export function metricsTable(labelHeader: string, rows: Readonly<Record<string, BinaryMetrics>>): string {
  return table(
    [labelHeader, ...METRIC_HEADERS, 'examples'],
    Object.entries(rows).map(([label, metrics]) => [label, ...metricCells(metrics), String(metrics.examples)]),
  );
}
