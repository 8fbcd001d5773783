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

export interface ScoreStats {
  readonly accuracy: SeedStat;
  /** Null where a test set holds one class only. */
  readonly auroc: SeedStat;
}

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

export function summarizeBaseline(runs: readonly BaselineRun[], sites: readonly string[]): BaselineRow[] {
  const trainedOn = [...new Set(runs.map((run) => run.trainedOn))];
  return trainedOn.map((name) => {
    const mine = runs.filter((run) => run.trainedOn === name);
    const stats = (pick: (run: BaselineRun) => { accuracy: number | null; auroc: number | null }): ScoreStats => ({
      accuracy: seedStat(mine.map((run) => pick(run).accuracy)),
      auroc: seedStat(mine.map((run) => pick(run).auroc)),
    });
    const site = (run: BaselineRun, id: string) => ({ accuracy: run.tests[id]?.accuracy ?? null, auroc: run.tests[id]?.auroc ?? null });
    return {
      trainedOn: name,
      sites: Object.fromEntries(sites.map((id) => [id, stats((run) => site(run, id))])),
      average: stats((run) => ({
        accuracy: meanOf(sites.map((id) => site(run, id).accuracy)),
        auroc: meanOf(sites.map((id) => site(run, id).auroc)),
      })),
      pooled: stats((run) => site(run, POOLED)),
    };
  });
}
