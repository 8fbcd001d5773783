// `medfl baseline`: centralised reference scores (pooled, or each centre alone) that federated runs are judged by.
import type { Argv, CommandModule } from 'yargs';
import { MedflError } from '../../common/MedflError.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { noOutcomeWarnings } from '../../datasets/noOutcomeWarnings.ts';
import type { ModelSpec, Plan } from '../../common/plan/planSchema.ts';
import type { BaselineReport, BaselineTables } from '../../experiments/baseline/baselineReport.ts';
import type { BaselineMode } from '../../experiments/baseline/runBaseline.ts';
import type { TfBackendName } from '../../participant/training/tfBackend.ts';
import { action, table, type GlobalArgs } from '../output.ts';

interface BaselineArgs extends GlobalArgs {
  dataset: string;
  plan?: string;
  mode: BaselineMode;
  seeds: string;
  epochs: number;
  'batch-size': number;
  lr: number;
  optimizer: 'adam' | 'sgd';
  model?: 'logistic' | 'mlp';
  hidden: string;
  backend: TfBackendName;
}

/** Parses a comma-separated list of non-negative integers, e.g. "42,43,44". */
export function parseIntegerList(flag: string, text: string): number[] {
  const values = text.split(',').map((part) => part.trim());
  if (values.some((value) => !/^\d+$/.test(value))) {
    throw new MedflError('USAGE', `--${flag} must be comma-separated non-negative integers, e.g. 42,43,44 (got ${JSON.stringify(text)})`);
  }
  return values.map(Number);
}

/** --model if given; else the plan's own model, so a plan's baseline trains what its federated run trains. */
function modelSpec(args: BaselineArgs, plan: Plan | undefined): ModelSpec {
  if (args.model === undefined && plan) return plan.model;
  return args.model === 'mlp' ? { kind: 'mlp', hidden: parseIntegerList('hidden', args.hidden) } : { kind: 'logistic' };
}

function formatBaselineReport(report: BaselineReport, tables: BaselineTables): string {
  const { headers, scores } = tables;
  const { request } = report;
  const setup = `${request.dataset}, ${request.mode}, ${request.model.kind}, ${request.training.optimizer} lr ${request.training.learningRate}, batch ${request.training.batchSize}, ${request.training.localEpochs} epochs, seeds ${request.seeds.join(',')} (${request.backend}, ${report.seconds.toFixed(1)} s)`;
  const standardisation = request.mode === 'pooled' ? `\npooled training data standardised with ${report.pooledStandardisation === 'pooled-train' ? 'pooled-train statistics (as FLamby)' : "each site's own statistics"}; every test set with its own centre's` : '';
  return `${setup}${standardisation}\n\n${scores.map(({ title, rows }) => `${title}\n${table(headers, rows)}`).join('\n\n')}`;
}

export function baselineBuilder(yargs: Argv<GlobalArgs>): Argv<BaselineArgs> {
  return yargs
    .option('dataset', { alias: 'data', type: 'string', default: 'uci-heart', describe: 'uci-heart, a generated consortium, or a folder with one sub-folder per site' })
    .option('plan', { type: 'string', describe: "Read the data as this plan's nodes do (its data section, features, seed and sites)" })
    .option('mode', { choices: ['pooled', 'local'] as const, default: 'pooled' as BaselineMode, describe: 'Train on all centres pooled, or on each centre alone' })
    .option('seeds', { type: 'string', default: '42,43,44,45,46', describe: 'Comma-separated seeds; one training run each' })
    .option('epochs', { type: 'number', default: 50, describe: 'Training epochs' })
    .option('batch-size', { type: 'number', default: 4, describe: 'Mini-batch size' })
    .option('lr', { type: 'number', default: 1e-3, describe: 'Learning rate' })
    .option('optimizer', { choices: ['adam', 'sgd'] as const, default: 'adam' as const, describe: 'Optimizer' })
    .option('model', { choices: ['logistic', 'mlp'] as const, describe: "Model (default: the plan's with --plan, else logistic)" })
    .option('hidden', { type: 'string', default: '16', describe: 'Hidden layer widths of the MLP, comma-separated' })
    .option('backend', { choices: ['wasm', 'cpu'] as const, default: 'wasm' as TfBackendName, describe: 'TensorFlow.js backend' }) as Argv<BaselineArgs>;
}

export async function runBaselineCommand(args: BaselineArgs) {
  for (const flag of ['epochs', 'batch-size'] as const) {
    if (!Number.isInteger(args[flag]) || args[flag] < 1) throw new MedflError('USAGE', `--${flag} must be a positive integer (got ${args[flag]})`);
  }
  if (!(args.lr > 0)) throw new MedflError('USAGE', `--lr must be a positive number (got ${args.lr})`);
  // Loaded on use: TensorFlow.js costs every other command ~0.4 s and ~90 MB at start-up.
  const { baselineReport, baselineTables } = await import('../../experiments/baseline/baselineReport.ts');
  const plan = args.plan === undefined ? undefined : loadPlan(args.plan);
  const report = await baselineReport({
    dataset: args.dataset,
    ...(plan ? { plan } : {}),
    mode: args.mode,
    seeds: parseIntegerList('seeds', args.seeds),
    model: modelSpec(args, plan),
    training: { optimizer: args.optimizer, learningRate: args.lr, batchSize: args['batch-size'], localEpochs: args.epochs },
    backend: args.backend,
  });
  const warnings = noOutcomeWarnings(report.labelRates);
  for (const warning of warnings) process.stderr.write(`medfl: ${warning}\n`);
  return { json: { ...report, warnings }, text: formatBaselineReport(report, baselineTables(report)) };
}

export const baselineCommand: CommandModule<GlobalArgs, BaselineArgs> = {
  command: 'baseline',
  describe: 'Centralised baselines (FLamby-style): per-centre, AvgN and pooled test AUROC, AUPRC, Brier score and accuracy over seeds',
  builder: baselineBuilder,
  handler: action(runBaselineCommand),
};
