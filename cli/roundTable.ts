// The live round table of `medfl run` and `medfl demo`: one line per committed round, printed as the round lands,
// so every column has a fixed width instead of one measured over rows that do not exist yet.
import type { RoundSummary } from '../consortium/roundSummary.ts';
import { formatScore, METRIC_HEADERS, metricCells } from './metricsTable.ts';

const HEADERS: readonly string[] = ['round', 'sites', 'examples', 'loss', ...METRIC_HEADERS, 'tx'];

/** Wide enough for "0.0346" and "100.0%"; a longer header widens its own column. */
const MIN_WIDTH = 6;

const line = (cells: readonly string[]): string =>
  cells.map((cell, i) => cell.padEnd(Math.max(MIN_WIDTH, HEADERS[i]?.length ?? 0))).join('  ').trimEnd();

/** The header and its rule, printed before the first round. */
export function roundTableHeader(): string {
  return [line(HEADERS), line(HEADERS.map((header) => '-'.repeat(Math.max(MIN_WIDTH, header.length))))].join('\n');
}

/** One committed round: the sites' metrics as the strategy combined them, "n/a" where no site had one. */
export function roundTableLine(summary: RoundSummary): string {
  const metrics = { auroc: summary.avgAuroc, auprc: summary.avgAuprc, brier: summary.brier, positiveRate: summary.positiveRate, accuracy: summary.avgAccuracy };
  return line([
    String(summary.round),
    String(summary.sitesIn),
    String(summary.totalExamples),
    formatScore(summary.loss, 4),
    ...metricCells(metrics),
    `${summary.txHash.slice(0, 12)}…`,
  ]);
}
