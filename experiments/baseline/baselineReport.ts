// A whole baseline experiment as the CLI runs it: resolve the data, train over seeds with progress, summarise.
import { createProgress } from '../../common/progress.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { splitLabelRate, type SiteLabelRate } from '../../datasets/noOutcomeWarnings.ts';
import { useBackend, type TfBackendName } from '../../participant/training/tfBackend.ts';
import { baselineData } from './baselineData.ts';
import { baselineEpochs, runBaseline, type BaselineSettings } from './runBaseline.ts';
import { summarizeBaseline, type BaselineRow, type SeedStat } from './summarizeBaseline.ts';

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

function formatStat(stat: SeedStat, percent: boolean): string {
  if (stat.mean === null) return 'n/a';
  const scale = percent ? 100 : 1;
  const digits = percent ? 1 : 3;
  return `${(stat.mean * scale).toFixed(digits)} ± ${((stat.std ?? 0) * scale).toFixed(digits)}`;
}

/** One text table per score: a row per training set, a column per test centre, then AvgN and pooled test. */
export function baselineTables(report: BaselineReport): { headers: string[]; accuracy: string[][]; auroc: string[][] } {
  const headers = ['trained on', ...report.sites, `Avg${report.sites.length}`, 'pooled test'];
  const cells = (score: 'accuracy' | 'auroc') =>
    report.rows.map((row) => [
      row.trainedOn,
      ...report.sites.map((site) => (row.sites[site] ? formatStat(row.sites[site][score], score === 'accuracy') : 'n/a')),
      formatStat(row.average[score], score === 'accuracy'),
      formatStat(row.pooled[score], score === 'accuracy'),
    ]);
  return { headers, accuracy: cells('accuracy'), auroc: cells('auroc') };
}
