// `medfl run`'s orchestration with real processes on loopback (a chain, a coordinator, site nodes): a plan that
// changes the task runs end to end on site folders without a manifest, and failures come early and clearly.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLocalConsortium } from '../../consortium/runLocalConsortium.ts';
import { loadPlanData } from '../../datasets/loadPlanData.ts';
import { BASE_WINDOWING, GLUCOSE, HR_FEATURES, SITES, smallFhirPlan, writeSmallFhir } from '../datasets/helpers/smallFhir.ts';
import { writeUciPlan } from '../e2e/uciPlan.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-local-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writePlan(name: string, plan: object): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

const glucosePlan = smallFhirPlan({ windowing: { ...BASE_WINDOWING, featureCodes: ['8867-4', GLUCOSE], extraUnits: { [GLUCOSE]: 'mg/dL' } } }, [...HR_FEATURES, `${GLUCOSE}.last`, `${GLUCOSE}.mean`]);

describe('runLocalConsortium', () => {
  it('refuses a plan naming a site the data does not hold, before it starts or writes anything', async () => {
    const planFile = writeUciPlan(dir, 'no-data', { sites: ['cleveland', 'nowhere'], rounds: 1, encryption: 'plaintext' });
    const workDir = join(dir, 'no-data-run');
    await expect(runLocalConsortium({ planFile, data: 'uci-heart', workDir })).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
      message: 'uci-heart has no data for site nowhere (it holds cleveland, hungary, switzerland, va)',
    });
    expect(existsSync(workDir)).toBe(false);
  });

  it('refuses a DP-SGD plan with a fixed noise multiplier and no --privacy-budget, before it starts or writes anything', async () => {
    const value = JSON.parse(readFileSync(writeUciPlan(dir, 'dp-no-budget', { sites: ['cleveland'], rounds: 1, encryption: 'plaintext' }), 'utf8'));
    value.privacy.dpSgd = { maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1 };
    const planFile = writePlan('dp-no-budget', value);
    const workDir = join(dir, 'dp-no-budget-run');
    await expect(runLocalConsortium({ planFile, data: 'uci-heart', workDir })).rejects.toMatchObject({
      code: 'PRIVACY_BUDGET_REQUIRED',
      message: "plan dp-no-budget trains with DP-SGD: give this site's privacy budget with --privacy-budget E (ε at δ = 0.00001)",
    });
    expect(existsSync(workDir)).toBe(false);
  });

  it('refuses a plan whose features are not the data\'s columns, naming the first difference, before it starts', async () => {
    const planFile = writeUciPlan(dir, 'wrong-width', { sites: ['cleveland', 'hungary'], rounds: 2, encryption: 'plaintext', features: 12 });
    const workDir = join(dir, 'wrong-width-run');
    await expect(runLocalConsortium({ planFile, data: 'uci-heart', workDir })).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: 'uci-heart yields 13 features with the plan\'s data section but the plan lists 12; its feature 13 "restecg_2" is not in the plan',
    });
    expect(existsSync(workDir)).toBe(false);
  });

  it('runs a plan that adds a lab code over site folders without a manifest, and scores the final model on the nodes\' test splits', async () => {
    const data = writeSmallFhir(join(dir, 'small'));
    const result = await runLocalConsortium({ planFile: writePlan('glucose', glucosePlan), data, workDir: join(dir, 'glucose-run') });
    expect(result.runState).toBe('COMPLETED');
    expect(result.rounds.map((round) => round.round)).toEqual([1]);
    // Every site's test metrics of the round's model, not only the attesters' that made the commit.
    expect(Object.keys(result.rounds[0]!.perSite).sort()).toEqual([...SITES].sort());
    const splits = await loadPlanData(glucosePlan, data);
    expect(Object.keys(result.evaluation.perSite)).toEqual(SITES);
    for (const split of splits) expect(result.evaluation.perSite[split.site]?.examples).toBe(split.test.rows);
  }, 300_000);

  it('stops at once with a site\'s own error when the site exits, instead of waiting out the round deadline', async () => {
    // site-b holds one patient with two heart rates: no window, so an empty training set its node refuses at round 1.
    const data = writeSmallFhir(join(dir, 'small-empty'));
    rmSync(join(data, 'site-b'), { recursive: true });
    mkdirSync(join(data, 'site-b'));
    const heartRate = (hours: number) => ({ resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] }, subject: { reference: 'Patient/q' }, effectiveDateTime: new Date(Date.UTC(2026, 0, 1, hours)).toISOString(), valueQuantity: { value: 80, code: '/min' } });
    writeFileSync(join(data, 'site-b', 'Patient.ndjson'), `${JSON.stringify({ resourceType: 'Patient', id: 'q' })}\n`);
    writeFileSync(join(data, 'site-b', 'Observation.ndjson'), `${JSON.stringify(heartRate(0))}\n${JSON.stringify(heartRate(1))}\n`);
    const planFile = writePlan('empty-site', { ...glucosePlan, name: 'empty-site', consortium: { ...glucosePlan.consortium, roundDeadlineSeconds: 300 } });
    const started = Date.now();
    await expect(runLocalConsortium({ planFile, data, workDir: join(dir, 'empty-site-run') })).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: 'site-b: the local training set is empty',
    });
    expect(Date.now() - started).toBeLessThan(240_000);
  }, 300_000);
});
