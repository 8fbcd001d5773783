// The experiment's table in numbers: per arm, mean ± std over seeds of the Avg metrics, beside its published figure.
import type { CellRecord, ExperimentResults } from './experimentResults.ts';
import { summarize, type Summary } from './statistics.ts';

export interface ArmSummary {
  readonly arm: string;
  readonly accuracy: Summary;
  readonly auroc: Summary;
  readonly auprc: Summary;
  /** On all test sets pooled, over the records that have it (none before medfl reported it). */
  readonly pooledAuroc: Summary;
  readonly pooledAuprc: Summary;
  /** Seeds with a finished result. */
  readonly seeds: number;
  readonly published: { readonly method: string; readonly mean: number; readonly std: number | null } | null;
  /** Ours at or above the published mean minus one published std (on the published metric); null without one. */
  readonly withinPublished: boolean | null;
}

/** One summary per arm, in the order the arms first appear in the records (the matrix order). */
export function armSummaries(results: ExperimentResults): ArmSummary[] {
  const finished = results.records.filter((record) => record.status === 'ok');
  const arms = [...new Set(finished.map((record) => record.arm))];
  return arms.map((arm) => {
    const mine = finished.filter((record) => record.arm === arm);
    const stat = (metric: keyof CellRecord['means']) => summarize(mine.map((record) => record.means[metric]));
    const pooled = (metric: 'auroc' | 'auprc') => summarize(mine.flatMap((record) => (record.pooledTest ? [record.pooledTest[metric]] : [])));
    const method = mine.find((record) => record.published)?.published ?? null;
    const reference = method && results.published ? results.published.methods[method] : undefined;
    const published = method && reference ? { method, mean: reference.mean, std: reference.std } : null;
    const ours = results.published ? stat(results.published.metric as keyof CellRecord['means']).mean : null;
    const withinPublished = published && ours !== null ? ours >= published.mean - (published.std ?? 0) : null;
    return { arm, accuracy: stat('accuracy'), auroc: stat('auroc'), auprc: stat('auprc'), pooledAuroc: pooled('auroc'), pooledAuprc: pooled('auprc'), seeds: new Set(mine.map((r) => r.seed)).size, published, withinPublished };
  });
}
