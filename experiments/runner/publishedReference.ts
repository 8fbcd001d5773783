// A published-reference file (e.g. FLamby's results for Fed-Heart-Disease): per method, per seed, the per-site
// values of one metric. A method's published figure is the mean, and its spread the sample std, over seeds of the
// per-seed mean over sites (FLamby's AvgN).
import { z } from 'zod';
import { MedflError } from '../../common/MedflError.ts';
import { planProblems } from '../../common/plan/parsePlan.ts';
import type { PublishedSummary } from './experimentResults.ts';
import { readJson } from './loadExperiment.ts';
import { meanOf, summarize } from './statistics.ts';

const publishedSchema = z
  .object({
    source: z.record(z.string(), z.unknown()),
    metric: z.enum(['accuracy', 'auroc', 'auprc']),
    methods: z.record(z.string().min(1), z.record(z.string().regex(/^\d+$/), z.array(z.number().finite()).min(1))),
  })
  .strict();
export type PublishedReference = z.infer<typeof publishedSchema>;

export function summarizePublished(reference: PublishedReference): PublishedSummary {
  const methods = Object.fromEntries(
    Object.entries(reference.methods).map(([method, bySeed]) => {
      const stats = summarize(Object.values(bySeed).map((sites) => meanOf(sites)));
      return [method, { mean: stats.mean ?? Number.NaN, std: stats.std, seeds: stats.n }];
    }),
  );
  return { metric: reference.metric, source: reference.source, methods };
}

export function loadPublishedReference(file: string): PublishedSummary {
  const result = publishedSchema.safeParse(readJson(file, 'published-reference file', 'EXPERIMENT_NOT_JSON'), { reportInput: true });
  if (!result.success) {
    const problems = planProblems(result.error).map((problem) => `${problem.path}: ${problem.message.replace(' (not part of the plan format)', '')}`);
    throw new MedflError('EXPERIMENT_INVALID', `published-reference file ${file} is invalid: ${problems.join('; ')}`, { details: { file, problems } });
  }
  return summarizePublished(result.data);
}

/** The published methods arms name that the file lacks: each a mistake worth stopping for before hours of runs. */
export function missingMethods(summary: PublishedSummary, names: readonly string[]): string[] {
  return [...new Set(names)].filter((name) => !Object.hasOwn(summary.methods, name));
}
