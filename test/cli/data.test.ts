import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFhirSites } from '../../datasets/fhir/loadFhirSites.ts';
import { hasSharedDataset, sharedDataset } from '../../datasets/paths.ts';
import { planFeatureNames } from '../../datasets/planFeatureNames.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { runCli } from '../helpers/runCli.ts';
import { BASE_WINDOWING, GLUCOSE, HR_FEATURES, smallFhirPlan, writeSmallFhir } from '../datasets/helpers/smallFhir.ts';

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

  it('--plan reads the data as the plan does: its added code and unit, its sites from folders without a manifest', async () => {
    const data = writeSmallFhir(join(dir, 'small'));
    const windowing = { ...BASE_WINDOWING, featureCodes: ['8867-4', GLUCOSE], extraUnits: { [GLUCOSE]: 'mg/dL' } };
    const planFile = join(dir, 'glucose-plan.json');
    writeFileSync(planFile, JSON.stringify(smallFhirPlan({ windowing }, [...HR_FEATURES, `${GLUCOSE}.last`, `${GLUCOSE}.mean`])));
    const run = await runCli(['data', 'inspect', data, '--plan', planFile, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const inspection = JSON.parse(run.stdout) as { sites: { site: string; unitsNormalised: object; unknownUnits: object }[]; warnings: string[] };
    expect(inspection.sites.map((s) => s.site)).toEqual(['site-a', 'site-b']);
    expect(inspection.sites[1]).toMatchObject({ unitsNormalised: { '2345-7 g/L->mg/dL': 96 }, unknownUnits: { '2345-7 mmol/L': 12 } });
    expect(inspection.warnings).toEqual([]);
  });

  it('warns, without failing, when the plan\'s outcome coding finds no outcome in a site\'s data', async () => {
    const data = writeSmallFhir(join(dir, 'small-no-outcome'));
    const planFile = join(dir, 'no-outcome-plan.json');
    writeFileSync(planFile, JSON.stringify(smallFhirPlan({ windowing: { ...BASE_WINDOWING, outcome: { system: 'http://snomed.info/sct', code: '999' } } }, HR_FEATURES)));
    const run = await runCli(['data', 'inspect', join(data, 'site-a'), '--plan', planFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('label rate 0');
    expect(run.stderr).toBe("medfl: warning: site-a has no outcomes (label rate 0); check the plan's outcome coding, window and horizon\n");
  });
});

describe('medfl data export and legacy feeds', () => {
  const generated = join(dir, 'feeds-fhir');
  const feeds = join(dir, 'feeds');
  let manifest: ReturnType<typeof generateConsortium>;

  it('writes one hospital as CSV and another as HL7 v2, and data inspect reads the mixed consortium', async () => {
    manifest = generateConsortium({ out: generated, hospitals: 2, patients: 16, seed: 2 });
    const [first, second] = manifest.hospitals;
    const csv = await runCli(['data', 'export', join(generated, first?.folder ?? ''), '--format', 'csv', '--out', join(feeds, first?.site ?? '')]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(new RegExp(`^wrote ${join(feeds, first?.site ?? '')}: \\d+ observation values, ${first?.patients} patients, \\d+ events?, ${first?.patients} consents\\n$`));
    const hl7 = await runCli(['data', 'export', join(generated, second?.folder ?? ''), '--format', 'hl7', '--out', join(feeds, second?.site ?? ''), '--json']);
    expect(hl7.code).toBe(0);
    expect(JSON.parse(hl7.stdout)).toMatchObject({ format: 'hl7', patients: second?.patients, messages: expect.any(Number) });
    const inspect = await runCli(['data', 'inspect', join(feeds, second?.site ?? '')]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain(`${second?.site}  (${join(feeds, second?.site ?? '')}, 2 files)`);
    expect(inspect.stdout).toMatch(/issues: 0 \(0 malformed\)/);
  });

  it('baseline --plan --data trains on the legacy feeds, with the label rates of the FHIR data they came from', async () => {
    const sites = manifest.hospitals.map((hospital) => hospital.site);
    const planFile = join(dir, 'feeds-plan.json');
    const features = planFeatureNames({ kind: 'fhir' });
    writeFileSync(planFile, JSON.stringify(smallFhirPlan({}, [...features], sites)));
    const fromFeeds = await runCli(['baseline', '--plan', planFile, '--data', feeds, '--mode', 'local', '--seeds', '1', '--epochs', '1', '--json']);
    expect(fromFeeds.code).toBe(0);
    const report = JSON.parse(fromFeeds.stdout) as { sites: string[]; labelRates: unknown[] };
    expect(report.sites).toEqual(sites);
    const { summaries } = await loadFhirSites(generated, { seed: 5 });
    expect(report.labelRates).toEqual(summaries.map((summary) => ({ site: summary.site, labelRate: expect.closeTo(summary.labelRate, 3) })));
  });

  it('a .hl7 file that is not HL7 is one line with HL7_NOT_HL7 and the input-error exit code', async () => {
    const site = join(dir, 'not-hl7');
    mkdirSync(site);
    writeFileSync(join(site, 'feed.hl7'), 'patient,time\n');
    const run = await runCli(['data', 'inspect', site]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: HL7_NOT_HL7: feed.hl7:1: not an HL7 v2 feed: the first segment must be MSH, found "patient,time"\n');
  });
});

describe('medfl data standardisation', () => {
  it('rebuilds a site\'s file from its data, and says in one line what is wrong with a UCI plan or a missing flag', async () => {
    const data = writeSmallFhir(join(dir, 'small-standardisation'));
    const planFile = join(dir, 'standardisation-plan.json');
    writeFileSync(planFile, JSON.stringify(smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES)));
    const out = join(dir, 'site-a-out');
    mkdirSync(out);
    const written = await runCli(['data', 'standardisation', data, '--plan', planFile, '--site', 'site-a', '--out', out]);
    expect(written.stderr).toBe('');
    expect(written.stdout).toMatch(new RegExp(`^wrote ${join(out, 'standardisation.json')}: ${HR_FEATURES.length} features over \\d+ training rows of site site-a; use it only if the data are as they were when the site trained\\n$`));

    const uciOut = join(dir, 'uci-out');
    mkdirSync(uciOut);
    const uci = await runCli(['data', 'standardisation', 'uci-heart', '--plan', 'plans/uci-heart-smoke.json', '--site', 'cleveland', '--out', uciOut]);
    expect(uci.code).toBe(2);
    expect(uci.stderr).toMatch(/^medfl: DATASET_UNSUPPORTED: plan .* reads data that are not standardised per site \(the UCI heart tables\), so there is nothing to rebuild\n$/);

    const missing = await runCli(['data', 'standardisation', data, '--plan', planFile, '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('medfl: USAGE: Missing required argument: site (see medfl --help)\n');
  });
});
