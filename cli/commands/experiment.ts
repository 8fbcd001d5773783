// `medfl experiment FILE`: runs an experiment's matrix (federated strategies × seeds × codecs, centralised baselines)
// as child processes and writes its results JSON, Markdown table and plots.
import { relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { exitCodeFor } from '../../common/errorCodes.ts';
import { loadExperiment } from '../../experiments/runner/loadExperiment.ts';
import { RESULTS_DIR } from '../../experiments/plots/plotResults.ts';
import { resultsFile } from '../../experiments/runner/experimentResults.ts';
import { runExperiment } from '../../experiments/runner/runExperiment.ts';
import { writeExperimentReport } from '../../experiments/runner/writeExperimentReport.ts';
import { action, type CommandResult, type GlobalArgs } from '../output.ts';

interface ExperimentArgs extends GlobalArgs {
  file: string;
  out: string;
  work?: string;
  fresh: boolean;
  'report-only': boolean;
}

const shown = (file: string): string => (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file));

async function reportOnly(args: ExperimentArgs): Promise<CommandResult> {
  const file = resultsFile(args.out, loadExperiment(args.file).name);
  const report = await writeExperimentReport(file);
  return { json: { resultsFile: file, ...report }, text: [report.markdown, ...report.plots].map((written) => `wrote ${shown(written)}`).join('\n') };
}

async function runAll(args: ExperimentArgs): Promise<CommandResult> {
  const outcome = await runExperiment({ file: args.file, outDir: args.out, ...(args.work ? { workDir: args.work } : {}), fresh: args.fresh });
  const failures = outcome.failed.map(({ cellId, error }) => {
    const own = `medfl: ${error?.code}: ${error?.message}`;
    // The child's last stderr line is worth showing when it is not its error line again.
    const last = error?.lastStderrLine && error.lastStderrLine !== own ? ` (last stderr line: ${error.lastStderrLine})` : '';
    return `  ${cellId}: ${error?.code}: ${error?.message}${last}`;
  });
  const text = [
    `${outcome.cells} cells: ${outcome.ran} run now, ${outcome.skipped} done earlier, ${outcome.failed.length} failed`,
    ...failures,
    ...[outcome.resultsFile, outcome.markdown, ...outcome.plots].map((written) => `wrote ${shown(written)}`),
  ].join('\n');
  const { failed, ...summary } = outcome;
  return { json: { ...summary, failed: failed.map((record) => ({ cell: record.cellId, ...record.error })) }, text, ...(failed.length ? { exitCode: exitCodeFor('EXPERIMENT_CELL_FAILED') } : {}) };
}

export const experimentCommand: CommandModule<GlobalArgs, ExperimentArgs> = {
  command: 'experiment <file>',
  describe: 'Run an experiment file: strategies × seeds × codecs as real runs, plus baselines; a results table and plots',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'The experiment file (e.g. experiments/definitions/smoke.json)' })
      .option('out', { type: 'string', default: RESULTS_DIR, describe: 'Folder for experiment-NAME.json, .md and .png' })
      .option('work', { type: 'string', describe: 'Folder for derived plans, child logs and run folders (default .medfl/experiments/NAME)' })
      .option('fresh', { type: 'boolean', default: false, describe: 'Run every cell again instead of resuming from earlier results' })
      .option('report-only', { type: 'boolean', default: false, describe: 'Only redraw the table and plots from the results JSON' }) as Argv<ExperimentArgs>,
  handler: action((args: ExperimentArgs) => (args['report-only'] ? reportOnly(args) : runAll(args))),
};
