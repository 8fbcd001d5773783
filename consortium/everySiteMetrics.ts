// A committed round carries the test metrics of the sites whose attestations made the commit (at least the quorum),
// so a round's average would be over a different set of sites from round to round. Every site writes its own metrics
// of each model it adopts to its metrics.jsonl; `medfl run` reads those back so each round is scored on every site.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BinaryMetrics } from '../common/metrics.ts';
import type { ValidationMetrics } from '../common/wire/protocolTypes.ts';

/** One line of a site's metrics.jsonl (participant/node/adoptRound.ts): the round, the model and its test metrics. */
export interface SiteMetricsLine extends BinaryMetrics {
  readonly round: number;
  readonly site: string;
  readonly modelHash: string;
}

function isMetricsLine(value: unknown): value is SiteMetricsLine {
  const line = value as Partial<SiteMetricsLine> | null;
  return typeof line?.round === 'number' && typeof line.site === 'string' && typeof line.modelHash === 'string' && typeof line.accuracy === 'number';
}

/** The metrics lines of one site's out folder; a folder without the file (a site that never adopted a round) has none. */
function readSiteLines(outDir: string): SiteMetricsLine[] {
  const file = join(outDir, 'metrics.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').flatMap((text) => {
    if (!text.trim()) return [];
    try {
      const value: unknown = JSON.parse(text);
      return isMetricsLine(value) ? [value] : [];
    } catch {
      return [];
    }
  });
}

const metricsOf = (line: SiteMetricsLine): ValidationMetrics => ({
  loss: line.loss, accuracy: line.accuracy, auroc: line.auroc, auprc: line.auprc, brier: line.brier, positiveRate: line.positiveRate, examples: line.examples,
});

/** Every site's metrics lines, read once: a run of R rounds would otherwise read each file R times. */
export function readSiteMetrics(siteOutDirs: Readonly<Record<string, string>>): ReadonlyMap<string, readonly SiteMetricsLine[]> {
  return new Map(Object.entries(siteOutDirs).map(([site, outDir]) => [site, readSiteLines(outDir)]));
}

/**
 * Each site's metrics of the round's model, from the site's own record where it matches the committed model hash, else
 * the metrics the commit carried; in the order of `recorded`.
 */
export function everySiteMetrics(
  round: { readonly round: number; readonly modelHash: string; readonly siteMetrics: readonly { readonly site: string; readonly metrics: ValidationMetrics }[] },
  recorded: ReadonlyMap<string, readonly SiteMetricsLine[]>,
): { site: string; metrics: ValidationMetrics }[] {
  return [...recorded].flatMap(([site, lines]) => {
    const own = lines.findLast((line) => line.round === round.round && line.modelHash === round.modelHash);
    if (own) return [{ site, metrics: metricsOf(own) }];
    const attested = round.siteMetrics.find((entry) => entry.site === site);
    return attested ? [{ site, metrics: attested.metrics }] : [];
  });
}
