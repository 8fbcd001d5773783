// Reads an experiment file: checks it against its schema (every problem with its JSON path, in one error), resolves
// its paths against the file's folder and loads its base plans with the real plan parser.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { planProblems } from '../../common/plan/parsePlan.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { experimentSchema, type Experiment, type GenerateSpec } from './experimentSchema.ts';

export type ExperimentData = { kind: 'uci-heart' } | { kind: 'folder'; path: string } | { kind: 'generate'; spec: GenerateSpec };

export interface BasePlan {
  readonly file: string;
  /** The file's JSON as written, which strategy patches merge over. */
  readonly value: Record<string, unknown>;
  readonly plan: Plan;
}

export interface LoadedExperiment {
  /** The file name without `.json`: results are `experiment-NAME.*`. */
  readonly name: string;
  readonly file: string;
  readonly experiment: Experiment;
  readonly plans: readonly BasePlan[];
  readonly data: ExperimentData;
  readonly publishedFile?: string;
}

/** Reads `file` as JSON; a missing file and bad JSON are each one line with their own code. */
export function readJson(file: string, what: string, notJson: 'EXPERIMENT_NOT_JSON' | 'PLAN_NOT_JSON'): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MedflError('FILE_NOT_FOUND', `${what} ${file} does not exist`, { cause });
    throw new MedflError('FILE_UNREADABLE', `${what} ${file} cannot be read (${code ?? 'unknown error'})`, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MedflError(notJson, `${what} ${file} is not JSON: ${(cause as Error).message}`, { cause });
  }
}

/** Validates `value` as an experiment; `source` names it in the message. */
export function parseExperiment(value: unknown, source: string): Experiment {
  const result = experimentSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems = planProblems(result.error).map((problem) => `${problem.path}: ${problem.message.replace(' (not part of the plan format)', '')}`);
  throw new MedflError('EXPERIMENT_INVALID', `experiment file ${source} is invalid: ${problems.join('; ')}`, { details: { source, problems } });
}

function resolveData(data: Experiment['data'], folder: string): ExperimentData {
  if (typeof data !== 'string') return { kind: 'generate', spec: data.generate };
  return data === 'uci-heart' ? { kind: 'uci-heart' } : { kind: 'folder', path: resolve(folder, data) };
}

export function loadExperiment(file: string): LoadedExperiment {
  const experiment = parseExperiment(readJson(file, 'experiment file', 'EXPERIMENT_NOT_JSON'), file);
  const folder = dirname(resolve(file));
  const plans = experiment.plans.map((relative) => {
    const planFile = resolve(folder, relative);
    const plan = loadPlan(planFile);
    return { file: planFile, value: readJson(planFile, 'plan file', 'PLAN_NOT_JSON') as Record<string, unknown>, plan };
  });
  return {
    name: basename(file).replace(/\.json$/, ''),
    file: resolve(file),
    experiment,
    plans,
    data: resolveData(experiment.data, folder),
    ...(experiment.published ? { publishedFile: resolve(folder, experiment.published) } : {}),
  };
}
