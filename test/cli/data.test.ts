import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSharedDataset, sharedDataset } from '../../datasets/paths.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-cli-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('medfl data inspect', () => {
  it.skipIf(!hasSharedDataset('synthea-fhir-r4'))('reports patients and vital signs per LOINC code of the Synthea bundles as JSON', async () => {
    const run = await runCli(['data', 'inspect', sharedDataset('synthea-fhir-r4'), '--json']);
    expect(run.code).toBe(0);
    const inspection = JSON.parse(run.stdout) as { kind: string; sites: { patients: unknown; observationsByCode: unknown; unitsNormalised: unknown }[] };
    expect(inspection.kind).toBe('fhir');
    expect(inspection.sites[0]?.patients).toEqual({ found: 8, used: 8, excluded: {} });
    expect(inspection.sites[0]?.observationsByCode).toEqual({ '8867-4': 85, '9279-1': 85, '85354-9': 120, '8310-5': 5, '59408-5': 3 });
    expect(inspection.sites[0]?.unitsNormalised).toEqual({});
  });

  it('prints one block per hospital of a generated consortium, with units normalised and Consent exclusions', async () => {
    const out = join(dir, 'g');
    const manifest = generateConsortium({ out, hospitals: 3, patients: 20, seed: 5 });
    const run = await runCli(['data', 'inspect', out]);
    expect(run.code).toBe(0);
    for (const hospital of manifest.hospitals) expect(run.stdout).toContain(`${hospital.site}  (${join(out, hospital.folder)}, 5 files)`);
    expect(run.stdout).toMatch(/units normalised: .*8310-5 \[degF\]->Cel: \d+/);
    expect(run.stdout).toMatch(/units normalised: .*8480-6 kPa->mm\[Hg\]: \d+/);
    const denied = manifest.hospitals[0]?.consentDenied ?? 0;
    expect(run.stdout).toContain(denied > 0 ? `excluded consentDenied: ${denied}` : 'excluded none');
  });

  it('exits with the input-error code and names the file for data that is not FHIR', async () => {
    writeFileSync(join(dir, 'notes.json'), 'hello');
    const run = await runCli(['data', 'inspect', join(dir, 'notes.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('FHIR_NOT_FHIR: notes.json:1: not JSON');
  });
});
