// A parsed results file checked as an experiment's results: a plot or report of a malformed file names the file.
import { existsSync } from 'node:fs';
import { MedflError } from '../../common/MedflError.ts';
import { zodProblems } from '../../common/zodProblems.ts';
import { experimentResultsSchema, type ExperimentResults } from './experimentResults.ts';
import { readJson } from './loadExperiment.ts';

/** `remedy`, when given, ends the message: what the user can do about the file. */
export function experimentResultsFrom(file: string, value: unknown, remedy?: string): ExperimentResults {
  const result = experimentResultsSchema.safeParse(value);
  if (result.success) return result.data;
  throw new MedflError('EXPERIMENT_RESULTS_INVALID', `results file ${file} is not an experiment's results: ${zodProblems(result.error).slice(0, 5).join('; ')}${remedy ? `; ${remedy}` : ''}`);
}

/** The results in `file`, or undefined when there is none yet. */
export function readExperimentResults(file: string, remedy?: string): ExperimentResults | undefined {
  if (!existsSync(file)) return undefined;
  return experimentResultsFrom(file, readJson(file, 'results file', 'EXPERIMENT_NOT_JSON'), remedy);
}
