// A whole baseline experiment as the CLI runs it: resolve the data, train over seeds with progress, summarise.
import { createProgress } from '../../common/progress.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { splitLabelRate, type SiteLabelRate } from '../../datasets/noOutcomeWarnings.ts';
import { useBackend, type TfBackendName } from '../../participant/training/tfBackend.ts';
import { baselineData } from './baselineData.ts';
import { baselineEpochs, runBaseline, type BaselineSettings } from './runBaseline.ts';
import { BASELINE_SCORES, summarizeBaseline, type BaselineRow, type BaselineScore, type SeedStat } from './summarizeBaseline.ts';

export interface BaselineRequest extends BaselineSettings {
  readonly dataset: string;
  /** Read `dataset` as this plan's nodes do (its data section, features, seed and sites). */
  readonly plan?: Plan;
  readonly backend: TfBackendName;
}

export interface BaselineReport {
  readonly request: BaselineRequest;
  /** The test centres, in column order. */
  readonly sites: readonly string[];
  readonly rows: readonly BaselineRow[];
  /** How pooled training data were standardised: with pooled-train statistics (FLamby, UCI) or per site. */
  readonly pooledStandardisation: 'pooled-train' | 'per-site';
  /** Each site's share of positive labels (train and test); 0 means the data hold no outcome there. */
  readonly labelRates: readonly SiteLabelRate[];
  readonly seconds: number;
}

export async function baselineReport(request: BaselineRequest): Promise<BaselineReport> {
  const started = performance.now();
  const { mode, seeds, model, training } = request;
  const { splits, pooledTrain } = await baselineData(request.dataset, mode, request.plan);
  await useBackend(request.backend);
  const options = { splits, pooledTrain, mode, seeds, model, training };
  const progress = createProgress(`baseline ${mode}`, baselineEpochs(options));
  const runs = await runBaseline({ ...options, onEpoch: () => progress.tick() });
  progress.done();
  const sites = splits.map((split) => split.site);
  const pooledStandardisation = pooledTrain ? 'pooled-train' : 'per-site';
  const labelRates = splits.map(splitLabelRate);
  return { request, sites, rows: summarizeBaseline(runs, sites), pooledStandardisation, labelRates, seconds: (performance.now() - started) / 1000 };
}

/** How each score reads in a table: its title, and whether it is a share shown in per cent. */
const SCORE_LABELS: Readonly<Record<BaselineScore, { title: string; percent: boolean }>> = {
  auroc: { title: 'test AUROC', percent: false },
  auprc: { title: 'test AUPRC (average precision; a random ranking scores the positive rate)', percent: false },
  brier: { title: 'test Brier score', percent: false },
  positiveRate: { title: 'test positive rate (%)', percent: true },
  accuracy: { title: 'test accuracy (%)', percent: true },
};

function formatStat(stat: SeedStat, percent: boolean): string {
  if (stat.mean === null) return 'n/a';
  const scale = percent ? 100 : 1;
  const digits = percent ? 1 : 3;
  return `${(stat.mean * scale).toFixed(digits)} ± ${((stat.std ?? 0) * scale).toFixed(digits)}`;
}

export interface BaselineTables {
  /** "trained on", the test centres, AvgN, pooled test. */
  readonly headers: string[];
  /** One table per score, AUROC and AUPRC first and accuracy last; a row per training set. */
  readonly scores: readonly { readonly title: string; readonly rows: string[][] }[];
}

/** The report's text tables: a row per training set, a column per test centre, then AvgN and pooled test. */
export function baselineTables(report: BaselineReport): BaselineTables {
  const headers = ['trained on', ...report.sites, `Avg${report.sites.length}`, 'pooled test'];
  const scores = BASELINE_SCORES.map((score) => {
    const { title, percent } = SCORE_LABELS[score];
    const rows = report.rows.map((row) => [
      row.trainedOn,
      ...report.sites.map((site) => (row.sites[site] ? formatStat(row.sites[site][score], percent) : 'n/a')),
      formatStat(row.average[score], percent),
      formatStat(row.pooled[score], percent),
    ]);
    return { title: `${title}, mean ± std over seeds`, rows };
  });
  return { headers, scores };
}
