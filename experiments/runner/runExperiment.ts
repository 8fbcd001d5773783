// `medfl experiment FILE`: every cell of the matrix as a real child process, the results file rewritten after each
// cell (so an interrupted experiment resumes where it stopped), then the Markdown table and the plots.
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { createProgress } from '../../common/progress.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { codecDifferences } from './codecDifferences.ts';
import { codeVersion, machineInfo } from './codeVersion.ts';
import { derivePlan, type DerivedPlan } from './derivePlan.ts';
import { resultsFile, writeExperimentResults, type CellRecord, type ExperimentResults, type PublishedSummary } from './experimentResults.ts';
import { readExperimentResults } from './experimentResultsFrom.ts';
import { expandMatrix, type Cell } from './expandMatrix.ts';
import { loadExperiment, type LoadedExperiment } from './loadExperiment.ts';
import { prepareData } from './prepareData.ts';
import { loadPublishedReference, missingMethods } from './publishedReference.ts';
import { cellKey, runCell } from './runCell.ts';
import { writeExperimentReport, type ReportFiles } from './writeExperimentReport.ts';

export interface ExperimentOptions {
  readonly file: string;
  /** Where experiment-NAME.json, .md and .png go. */
  readonly outDir: string;
  /** Derived plans, child logs and each run's work folder (default .medfl/experiments/NAME). */
  readonly workDir?: string;
  /** Run every cell again, ignoring earlier results. */
  readonly fresh?: boolean;
}

export interface ExperimentOutcome extends ReportFiles {
  readonly resultsFile: string;
  readonly cells: number;
  readonly ran: number;
  readonly skipped: number;
  /** The records of cells that failed: each with its cell id, error code and last stderr line. */
  readonly failed: readonly CellRecord[];
}

function publishedSummary(loaded: LoadedExperiment): PublishedSummary | null {
  if (!loaded.publishedFile) return null;
  const summary = loadPublishedReference(loaded.publishedFile);
  const { strategies, baselines } = loaded.experiment;
  const named = [...strategies.flatMap((arm) => arm.published ?? []), ...(baselines?.pooled?.published ? [baselines.pooled.published] : []), ...Object.values(baselines?.local?.published ?? {})];
  const missing = missingMethods(summary, named);
  if (missing.length) throw new MedflError('EXPERIMENT_INVALID', `experiment file ${loaded.file} names published methods that ${loaded.publishedFile} lacks: ${missing.join(', ')}`);
  return summary;
}

/** Every cell with its validated plan: a bad patch stops the experiment here, before any child starts. */
function plannedCells(loaded: LoadedExperiment): { cell: Cell; derived: DerivedPlan; key: string }[] {
  const cells = expandMatrix(loaded.experiment, loaded.plans.map((base) => base.plan.name));
  return cells.map((cell) => {
    const derived = derivePlan(loaded.plans[cell.planIndex]!, cell);
    return { cell, derived, key: cellKey(cell, derived) };
  });
}

/** Earlier finished records of cells still in the matrix; failed ones run again. */
function earlierRecords(file: string, fresh: boolean, keys: ReadonlySet<string>): { records: CellRecord[]; differences: ExperimentResults['codecDifferences'] } {
  const earlier = fresh ? undefined : readExperimentResults(file, 'move it away, or pass --fresh to run every cell again');
  if (!earlier) return { records: [], differences: [] };
  return { records: earlier.records.filter((record) => record.status === 'ok' && keys.has(record.cellKey)), differences: earlier.codecDifferences };
}

export async function runExperiment(options: ExperimentOptions): Promise<ExperimentOutcome> {
  const loaded = loadExperiment(options.file);
  const published = publishedSummary(loaded);
  const planned = plannedCells(loaded);
  const file = resultsFile(options.outDir, loaded.name);
  const workDir = resolve(options.workDir ?? join('.medfl', 'experiments', loaded.name));
  mkdirSync(workDir, { recursive: true });
  let { records, differences } = earlierRecords(file, options.fresh ?? false, new Set(planned.map((entry) => entry.key)));
  const context = { workDir, data: await prepareData(loaded.data, workDir), experiment: loaded.experiment };
  const definition = relative(REPO_ROOT, loaded.file).startsWith('..') ? loaded.file : relative(REPO_ROOT, loaded.file);
  // Every cell's start and end is a log line off a terminal: a cell runs for minutes, so none is worth throttling.
  const progress = createProgress(`experiment ${loaded.name}`, planned.length, { logEveryMs: 0 });
  const order = new Map(planned.map((entry, index) => [entry.key, index]));
  let ran = 0;
  for (const { cell, derived, key } of planned) {
    if (records.some((record) => record.cellKey === key)) {
      progress.tick(1, { cell: cell.id, status: 'done earlier' });
      continue;
    }
    progress.tick(0, { cell: cell.id, status: 'running' });
    const finished = await runCell(cell, derived, context);
    ran += 1;
    // Matrix order in the file, whatever order the cells finished in across resumes (sort is stable within a cell).
    records = [...records.filter((record) => record.cellKey !== key), ...finished].sort((a, b) => order.get(a.cellKey)! - order.get(b.cellKey)!);
    differences = codecDifferences(records, differences);
    writeExperimentResults(file, { experiment: loaded.name, definition, date: new Date().toISOString(), machine: machineInfo(), code: codeVersion(), published, records, codecDifferences: differences });
    progress.tick(1, { cell: cell.id, status: finished.every((record) => record.status === 'ok') ? 'ok' : 'failed' });
  }
  progress.done();
  const report = await writeExperimentReport(file);
  return { ...report, resultsFile: file, cells: planned.length, ran, skipped: planned.length - ran, failed: records.filter((record) => record.status === 'failed') };
}
