// Mean ± standard deviation over seeds of each baseline row: per-centre test scores, their unweighted average
// (FLamby's "Avg4" for four centres) and the score on all test splits pooled.
import type { BaselineRun } from './runBaseline.ts';
import { POOLED } from './runBaseline.ts';

export interface SeedStat {
  readonly mean: number | null;
  /** Sample standard deviation (n − 1) over seeds; 0 for a single seed. */
  readonly std: number | null;
  readonly values: readonly (number | null)[];
}

/** The scores a baseline reports, ranking metrics first; AUROC and AUPRC are null where a test set holds one class. */
export const BASELINE_SCORES = ['auroc', 'auprc', 'brier', 'positiveRate', 'accuracy'] as const;
export type BaselineScore = (typeof BASELINE_SCORES)[number];

export type ScoreStats = { readonly [K in BaselineScore]: SeedStat };
type Scores = { readonly [K in BaselineScore]: number | null };

export interface BaselineRow {
  readonly trainedOn: string;
  readonly sites: Readonly<Record<string, ScoreStats>>;
  /** Unweighted mean over the centres' test sets, per seed, then mean ± std over seeds. */
  readonly average: ScoreStats;
  readonly pooled: ScoreStats;
}

export function seedStat(values: readonly (number | null)[]): SeedStat {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (present.length === 0) return { mean: null, std: null, values };
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const variance = present.length > 1 ? present.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (present.length - 1) : 0;
  return { mean, std: Math.sqrt(variance), values };
}

function meanOf(values: readonly (number | null)[]): number | null {
  return seedStat(values).mean;
}

/** An object with one entry per baseline score, in BASELINE_SCORES order. */
function perScore<T>(value: (score: BaselineScore) => T): { readonly [K in BaselineScore]: T } {
  return Object.fromEntries(BASELINE_SCORES.map((score) => [score, value(score)])) as { [K in BaselineScore]: T };
}

export function summarizeBaseline(runs: readonly BaselineRun[], sites: readonly string[]): BaselineRow[] {
  const trainedOn = [...new Set(runs.map((run) => run.trainedOn))];
  return trainedOn.map((name) => {
    const mine = runs.filter((run) => run.trainedOn === name);
    const stats = (pick: (run: BaselineRun) => Scores): ScoreStats =>
      perScore((score) => seedStat(mine.map((run) => pick(run)[score])));
    const site = (run: BaselineRun, id: string): Scores => perScore((score) => run.tests[id]?.[score] ?? null);
    return {
      trainedOn: name,
      sites: Object.fromEntries(sites.map((id) => [id, stats((run) => site(run, id))])),
      average: stats((run) => perScore((score) => meanOf(sites.map((id) => site(run, id)[score])))),
      pooled: stats((run) => site(run, POOLED)),
    };
  });
}
