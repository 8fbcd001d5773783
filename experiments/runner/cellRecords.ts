// A finished child's --json output as the experiment's records: `medfl run` gives one, `medfl baseline --mode local`
// one per centre it trained on. The output is validated; a child that failed or printed no valid result is a record
// with status failed, its error code and the last line it wrote on stderr.
import { z } from 'zod';
import { zodProblems } from '../../common/zodProblems.ts';
import type { CellRecord, SiteMetrics } from './experimentResults.ts';
import type { BaselineCell, Cell, FederatedCell } from './expandMatrix.ts';
import type { ChildOutcome } from './runMedflChild.ts';
import { meanOf } from './statistics.ts';

const metric = z.number().nullable();

const runOutputSchema = z.object({
  runState: z.string(),
  verified: z.boolean(),
  finalModelDir: z.string(),
  finalModelHash: z.string(),
  rounds: z.array(z.object({ round: z.number().int(), avgAccuracy: metric, avgAuroc: metric, avgAuprc: metric })),
  evaluation: z.object({
    perSite: z.record(z.string(), z.object({ accuracy: z.number(), auroc: metric, auprc: metric })),
    pooledTest: z.object({ accuracy: z.number(), auroc: metric, auprc: metric }),
  }),
});

const seedValues = z.object({ values: z.array(metric).length(1) });
const baselineOutputSchema = z.object({
  rows: z.array(z.object({ trainedOn: z.string(), sites: z.record(z.string(), z.object({ accuracy: seedValues, auroc: seedValues, auprc: seedValues })), pooled: z.object({ accuracy: seedValues, auroc: seedValues, auprc: seedValues }) })).min(1),
});

const errorOutputSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** What every record of a cell shares, whatever its outcome. */
export type CellIdentity = Pick<CellRecord, 'cellKey' | 'cellId' | 'basePlan' | 'seed' | 'planHash' | 'planFile' | 'plan'>;

function means(perSite: Record<string, SiteMetrics>): SiteMetrics {
  const sites = Object.values(perSite);
  return { accuracy: meanOf(sites.map((s) => s.accuracy)), auroc: meanOf(sites.map((s) => s.auroc)), auprc: meanOf(sites.map((s) => s.auprc)) };
}

function cellFields(cell: Cell): Pick<CellRecord, 'kind' | 'arm' | 'published' | 'strategyPatch' | 'baselineTraining' | 'codec'> {
  if (cell.kind === 'federated') {
    return { kind: 'federated', arm: `${cell.arm.name} (${cell.codec})`, published: cell.arm.published ?? null, strategyPatch: cell.arm.patch, baselineTraining: null, codec: cell.codec };
  }
  return { kind: 'baseline', arm: cell.mode === 'pooled' ? 'Pooled' : 'Local', published: null, strategyPatch: null, baselineTraining: { mode: cell.mode, ...cell.training }, codec: null };
}

const EMPTY = { runState: null, verified: null, perSite: {}, means: { accuracy: null, auroc: null, auprc: null }, pooledTest: null, rounds: [], finalModelHash: null, finalModelDir: null };

/** A failed cell: the child's own error code and message when it printed one, else why its output is unusable. */
export function failedRecord(cell: Cell, identity: CellIdentity, outcome: ChildOutcome, problem?: string): CellRecord {
  const reported = errorOutputSchema.safeParse(outcome.json);
  const error = reported.success
    ? reported.data.error
    : { code: 'EXPERIMENT_CELL_FAILED', message: problem ?? `medfl exited with code ${outcome.exitCode} without a JSON result` };
  return { ...identity, ...cellFields(cell), ...EMPTY, status: 'failed', error: { ...error, lastStderrLine: outcome.lastStderrLine }, wallSeconds: outcome.wallSeconds, cpuSeconds: outcome.cpuSeconds };
}

export function federatedRecord(cell: FederatedCell, identity: CellIdentity, outcome: ChildOutcome): CellRecord {
  const parsed = runOutputSchema.safeParse(outcome.json);
  if (!parsed.success) return failedRecord(cell, identity, outcome, `medfl run printed no valid result: ${zodProblems(parsed.error).slice(0, 3).join('; ')}`);
  const run = parsed.data;
  const perSite = Object.fromEntries(Object.entries(run.evaluation.perSite).map(([site, m]) => [site, { accuracy: m.accuracy, auroc: m.auroc, auprc: m.auprc }]));
  const ok = outcome.exitCode === 0 && run.verified && run.runState === 'COMPLETED';
  return {
    ...identity,
    ...cellFields(cell),
    status: ok ? 'ok' : 'failed',
    error: ok ? null : { code: 'EXPERIMENT_CELL_FAILED', message: `run ${run.runState}, ${run.verified ? 'verified' : 'not verified'} (exit code ${outcome.exitCode})`, lastStderrLine: outcome.lastStderrLine },
    runState: run.runState,
    verified: run.verified,
    perSite,
    means: means(perSite),
    pooledTest: { accuracy: run.evaluation.pooledTest.accuracy, auroc: run.evaluation.pooledTest.auroc, auprc: run.evaluation.pooledTest.auprc },
    rounds: run.rounds.map((round) => ({ round: round.round, accuracy: round.avgAccuracy, auroc: round.avgAuroc, auprc: round.avgAuprc })),
    finalModelHash: run.finalModelHash,
    finalModelDir: run.finalModelDir,
    wallSeconds: outcome.wallSeconds,
    cpuSeconds: outcome.cpuSeconds,
  };
}

/** One record per trained model: the pooled one, or each centre's (arm `Local <site>`, published name from the map). */
export function baselineRecords(cell: BaselineCell, identity: CellIdentity, outcome: ChildOutcome, published: string | Record<string, string> | undefined): CellRecord[] {
  const parsed = baselineOutputSchema.safeParse(outcome.json);
  if (outcome.exitCode !== 0 || !parsed.success) {
    return [failedRecord(cell, identity, outcome, parsed.success ? undefined : `medfl baseline printed no valid result: ${zodProblems(parsed.error).slice(0, 3).join('; ')}`)];
  }
  const share = parsed.data.rows.length;
  return parsed.data.rows.map((row) => {
    const perSite = Object.fromEntries(Object.entries(row.sites).map(([site, m]) => [site, { accuracy: m.accuracy.values[0]!, auroc: m.auroc.values[0]!, auprc: m.auprc.values[0]! }]));
    const local = cell.mode === 'local';
    const publishedName = local ? (typeof published === 'object' ? published[row.trainedOn] : undefined) : typeof published === 'string' ? published : undefined;
    return {
      ...identity,
      ...cellFields(cell),
      arm: local ? `Local ${row.trainedOn}` : 'Pooled',
      published: publishedName ?? null,
      status: 'ok',
      error: null,
      ...EMPTY,
      perSite,
      means: means(perSite),
      pooledTest: { accuracy: row.pooled.accuracy.values[0]!, auroc: row.pooled.auroc.values[0]!, auprc: row.pooled.auprc.values[0]! },
      // One child trains every centre's model: each record carries its share of the child's time.
      wallSeconds: outcome.wallSeconds / share,
      cpuSeconds: outcome.cpuSeconds === null ? null : outcome.cpuSeconds / share,
    };
  });
}
