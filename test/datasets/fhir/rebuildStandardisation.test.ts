// Rebuilding a site's standardisation.json on the shared finished run: the same numbers its node kept while training,
// from the same data; and the mistakes an operator makes, each refused before anything is written.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildStandardisation } from '../../../datasets/fhir/rebuildStandardisation.ts';
import { STANDARDISATION_FILE } from '../../../datasets/fhir/standardisationFile.ts';
import { FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../../helpers/finishedRun.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-rebuild-standardisation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let run: FinishedRun;
beforeAll(async () => {
  run = await finishedRun();
}, FINISHED_RUN_TIMEOUT_MS);

describe('rebuildStandardisation', () => {
  it('writes exactly what the site\'s node kept when it trained, from the same data and plan', async () => {
    const kept = JSON.parse(readFileSync(join(run.siteDirs['hospital-2']!, STANDARDISATION_FILE), 'utf8')) as unknown;
    const { file, standardisation } = await rebuildStandardisation({ planFile: run.planFile, data: run.dataDir, site: 'hospital-2', outDir: dir });
    expect(file).toBe(join(dir, STANDARDISATION_FILE));
    expect(standardisation).toEqual(kept);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(kept);
  });

  it('never replaces a file the node wrote, and refuses a missing folder or a site the plan lacks, writing nothing', async () => {
    const taken = mkdtempSync(join(dir, 'taken-'));
    copyFileSync(join(run.siteDirs['hospital-1']!, STANDARDISATION_FILE), join(taken, STANDARDISATION_FILE));
    const before = readFileSync(join(taken, STANDARDISATION_FILE), 'utf8');
    await expect(rebuildStandardisation({ planFile: run.planFile, data: run.dataDir, site: 'hospital-1', outDir: taken }))
      .rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/already exists \(the site's node wrote it when it trained/) });
    expect(readFileSync(join(taken, STANDARDISATION_FILE), 'utf8')).toBe(before);

    await expect(rebuildStandardisation({ planFile: run.planFile, data: run.dataDir, site: 'hospital-1', outDir: join(dir, 'nowhere') }))
      .rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining("is not a folder; name the site's participant --out folder") });
    const empty = mkdtempSync(join(dir, 'empty-'));
    await expect(rebuildStandardisation({ planFile: run.planFile, data: run.dataDir, site: 'hospital-9', outDir: empty }))
      .rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('--site hospital-9 is not a site of plan shared-test-run (its sites: hospital-1, hospital-2, hospital-3)') });
    expect(existsSync(join(empty, STANDARDISATION_FILE))).toBe(false);
  });
});
