import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExperimentResults } from '../../../experiments/runner/experimentResults.ts';
import { readExperimentResults } from '../../../experiments/runner/experimentResultsFrom.ts';
import { resultsFixture } from './experimentResultsFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-experiment-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('experiment results files', () => {
  it('reads back what was written, leaving no temporary file beside it', () => {
    const file = join(dir, 'out', 'experiment-fixture.json');
    expect(readExperimentResults(file)).toBeUndefined();
    writeExperimentResults(file, resultsFixture());
    expect(readExperimentResults(file)).toEqual(resultsFixture());
    expect(readdirSync(join(dir, 'out'))).toEqual(['experiment-fixture.json']);
  });

  it('refuses a file medfl did not write, saying what to do', () => {
    const file = join(dir, 'experiment-other.json');
    writeFileSync(file, JSON.stringify({ ...resultsFixture(), records: 'none' }));
    expect(() => readExperimentResults(file, 'pass --fresh')).toThrow(
      expect.objectContaining({ code: 'EXPERIMENT_RESULTS_INVALID', message: `results file ${file} is not an experiment's results: records: Invalid input: expected array, received string; pass --fresh` }),
    );
  });
});
