// experiment-NAME.json: every finished cell's record, the machine and the code that produced them. Written after
// every cell (atomically), read back to resume and to report; a file that does not fit is refused, not guessed at.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { codecSchema } from './experimentSchema.ts';

const metric = z.number().nullable();
export const siteMetricsSchema = z.object({ accuracy: metric, auroc: metric, auprc: metric });
export type SiteMetrics = z.infer<typeof siteMetricsSchema>;

const recordSchema = z.object({
  /** What resuming matches on: the derived planHash, seed and codec (baselines: mode, training and planHash). */
  cellKey: z.string(),
  cellId: z.string(),
  kind: z.enum(['federated', 'baseline']),
  arm: z.string(),
  published: z.string().nullable(),
  basePlan: z.string(),
  strategyPatch: z.record(z.string(), z.unknown()).nullable(),
  baselineTraining: z.record(z.string(), z.unknown()).nullable(),
  seed: z.number().int(),
  codec: codecSchema.nullable(),
  planHash: z.string(),
  planFile: z.string(),
  plan: z.record(z.string(), z.unknown()),
  status: z.enum(['ok', 'failed']),
  error: z.object({ code: z.string(), message: z.string(), lastStderrLine: z.string().nullable() }).nullable(),
  runState: z.string().nullable(),
  verified: z.boolean().nullable(),
  perSite: z.record(z.string(), siteMetricsSchema),
  /** Unweighted means over the sites (FLamby's AvgN). */
  means: siteMetricsSchema,
  /** Scored on all the sites' test sets pooled; null in records written before medfl reported it. */
  pooledTest: siteMetricsSchema.nullable().default(null),
  rounds: z.array(siteMetricsSchema.extend({ round: z.number().int() })),
  finalModelHash: z.string().nullable(),
  finalModelDir: z.string().nullable(),
  wallSeconds: z.number(),
  cpuSeconds: z.number().nullable(),
});
export type CellRecord = z.infer<typeof recordSchema>;

const publishedSummarySchema = z.object({
  metric: z.string(),
  source: z.record(z.string(), z.unknown()),
  methods: z.record(z.string(), z.object({ mean: z.number(), std: z.number().nullable(), seeds: z.number().int() })),
});
export type PublishedSummary = z.infer<typeof publishedSummarySchema>;

const codecDifferenceSchema = z.object({ arms: z.tuple([z.string(), z.string()]), basePlan: z.string(), seed: z.number().int(), codecs: z.tuple([codecSchema, codecSchema]), maxAbsWeightDifference: z.number() });
export type CodecDifference = z.infer<typeof codecDifferenceSchema>;

export const experimentResultsSchema = z.object({
  experiment: z.string(),
  definition: z.string(),
  date: z.string(),
  machine: z.object({ node: z.string(), platform: z.string(), cpu: z.string(), cores: z.number(), memGb: z.number() }),
  code: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable(), version: z.string() }),
  published: publishedSummarySchema.nullable(),
  records: z.array(recordSchema),
  codecDifferences: z.array(codecDifferenceSchema),
});
export type ExperimentResults = z.infer<typeof experimentResultsSchema>;

export const resultsFile = (outDir: string, name: string): string => join(outDir, `experiment-${name}.json`);


/** Writes beside the target and renames, so an interrupted write never leaves half a file to resume from. */
export function writeExperimentResults(file: string, results: ExperimentResults): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, file);
}
