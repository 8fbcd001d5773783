// One cell of the matrix: its derived plan written to the work folder, then a real `medfl run` or `medfl baseline`
// child, whose output becomes the cell's records.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baselineRecords, federatedRecord, type CellIdentity } from './cellRecords.ts';
import type { DerivedPlan } from './derivePlan.ts';
import type { CellRecord } from './experimentResults.ts';
import type { Experiment } from './experimentSchema.ts';
import type { Cell } from './expandMatrix.ts';
import { runMedflChild } from './runMedflChild.ts';

export interface CellContext {
  readonly workDir: string;
  /** What every child gets as --data: `uci-heart` or a folder. */
  readonly data: string;
  readonly experiment: Experiment;
}

/** The key a finished cell is found by when an experiment resumes. */
export function cellKey(cell: Cell, derived: DerivedPlan): string {
  if (cell.kind === 'federated') return `run:${derived.planHash}:${cell.seed}:${cell.codec}`;
  const { optimizer, learningRate, batchSize, epochs } = cell.training;
  return `baseline:${cell.mode}:${derived.planHash}:${cell.seed}:${optimizer}:${learningRate}:${batchSize}:${epochs}`;
}

function childArgs(cell: Cell, planFile: string, context: CellContext, cellWork: string): string[] {
  if (cell.kind === 'federated') return ['run', '--plan', planFile, '--data', context.data, '--work', cellWork];
  const { optimizer, learningRate, batchSize, epochs } = cell.training;
  return ['baseline', '--plan', planFile, '--dataset', context.data, '--mode', cell.mode, '--seeds', String(cell.seed), '--epochs', String(epochs), '--lr', String(learningRate), '--batch-size', String(batchSize), '--optimizer', optimizer];
}

export async function runCell(cell: Cell, derived: DerivedPlan, context: CellContext): Promise<CellRecord[]> {
  const planDir = join(context.workDir, 'plans');
  const cellWork = join(context.workDir, 'cells', cell.id);
  mkdirSync(planDir, { recursive: true });
  // A cell interrupted earlier left a half-run consortium there; it starts again from nothing.
  rmSync(cellWork, { recursive: true, force: true });
  mkdirSync(join(context.workDir, 'logs'), { recursive: true });
  const planFile = join(planDir, `${cell.id}.json`);
  writeFileSync(planFile, `${JSON.stringify(derived.plan, null, 2)}\n`);
  const identity: CellIdentity = { cellKey: cellKey(cell, derived), cellId: cell.id, basePlan: derived.plan.name, seed: cell.seed, planHash: derived.planHash, planFile, plan: derived.plan };
  const outcome = await runMedflChild(childArgs(cell, planFile, context, cellWork), join(context.workDir, 'logs', `${cell.id}.log`));
  if (cell.kind === 'federated') return [federatedRecord(cell, identity, outcome)];
  return baselineRecords(cell, identity, outcome, context.experiment.baselines?.[cell.mode]?.published);
}
