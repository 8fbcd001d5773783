// experiment-NAME.md and its two PNGs, from the results JSON alone (what `--report-only` redraws).
import { writeFileSync } from 'node:fs';
import { plotResultFiles } from '../plots/plotResults.ts';
import { armSummaries } from './armSummaries.ts';
import { readExperimentResults } from './experimentResultsFrom.ts';
import { experimentMarkdown } from './experimentTable.ts';
import { MedflError } from '../../common/MedflError.ts';

export interface ReportFiles {
  readonly markdown: string;
  readonly plots: readonly string[];
}

export async function writeExperimentReport(resultsFile: string): Promise<ReportFiles> {
  const results = readExperimentResults(resultsFile);
  if (!results) throw new MedflError('FILE_NOT_FOUND', `results file ${resultsFile} does not exist; run the experiment first`);
  const markdown = resultsFile.replace(/\.json$/, '.md');
  writeFileSync(markdown, experimentMarkdown(results, armSummaries(results)));
  return { markdown, plots: await plotResultFiles(resultsFile) };
}
