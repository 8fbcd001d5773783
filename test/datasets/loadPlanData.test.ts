// Plans that change the task (extra codes with units, another outcome, window and horizon, consent purposes) read
// through the one plan loader, on a small hand-written FHIR consortium of site folders without a manifest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlanData, loadPlanSites, loadSiteSplit } from '../../datasets/loadPlanData.ts';
import { planFeatureNames } from '../../datasets/planFeatureNames.ts';
import type { SiteSplit } from '../../datasets/tabular.ts';
import { BASE_WINDOWING, GLUCOSE, HR_FEATURES, RAPID_RESPONSE, smallFhirPlan, writeSmallFhir } from './helpers/smallFhir.ts';

let root: string;
beforeAll(() => {
  root = writeSmallFhir(mkdtempSync(join(tmpdir(), 'medfl-plan-data-')));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const positives = (splits: SiteSplit[]) => splits.reduce((n, s) => n + [...s.train.labels, ...s.test.labels].filter((y) => y === 1).length, 0);
const rows = (splits: SiteSplit[]) => splits.reduce((n, s) => n + s.train.rows + s.test.rows, 0);

describe('loadPlanData', () => {
  it('reads each plan site from <data>/<site> when the folder has no manifest, in the plan\'s order', async () => {
    const plan = smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES, ['site-b', 'site-a']);
    const splits = await loadPlanData(plan, root);
    expect(splits.map((s) => s.site)).toEqual(['site-b', 'site-a']);
    expect(splits[0]?.train.featureNames).toEqual(HR_FEATURES);
  });

  it('adds a LOINC code with the plan\'s unit, converting every commensurable unit and counting the others', async () => {
    const windowing = { ...BASE_WINDOWING, featureCodes: ['8867-4', GLUCOSE], extraUnits: { [GLUCOSE]: 'mg/dL' } };
    const plan = smallFhirPlan({ windowing }, [...HR_FEATURES, `${GLUCOSE}.last`, `${GLUCOSE}.mean`]);
    const { splits, summaries } = await loadPlanSites(plan, root);
    expect(splits[0]?.train.featureNames).toEqual([...HR_FEATURES, '2345-7.last', '2345-7.mean']);
    expect(summaries?.[0]?.valuesByCode[GLUCOSE]).toBe(12 * 8);
    expect(summaries?.[1]?.unitsNormalised).toEqual({ '2345-7 g/L->mg/dL': 12 * 8 });
    expect(summaries?.[1]?.unknownUnits).toEqual({ '2345-7 mmol/L': 12 });
    expect(summaries?.[1]?.issues[0]).toMatchObject({ file: 'Observation.ndjson', code: 'FHIR_UNKNOWN_UNIT' });
  });

  it('labels by the plan\'s outcome coding: another coding gives other positives', async () => {
    const icu = await loadPlanData(smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES), root);
    const rapid = await loadPlanData(smallFhirPlan({ windowing: { ...BASE_WINDOWING, outcome: RAPID_RESPONSE } }, HR_FEATURES), root);
    // 4 patients a site have the event; with a 4 h horizon and a 1 h stride, the last 4 windows before it are positive.
    expect(positives(icu)).toBe(2 * 4 * 4);
    expect(positives(rapid)).toBe(2 * 4 * 4);
    // Windows after the event are dropped: the ICU events at 20 h and the rapid-response calls at 14 h cut differently.
    expect(rows(rapid)).not.toBe(rows(icu));
  });

  it('takes the plan\'s window and horizon', async () => {
    const wide = await loadPlanData(smallFhirPlan({ windowing: { ...BASE_WINDOWING, windowHours: 8, horizonHours: 2 } }, HR_FEATURES), root);
    const base = await loadPlanData(smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES), root);
    expect(rows(wide)).toBeLessThan(rows(base));
    expect(positives(wide)).toBe(2 * 4 * 2);
  });

  it('leaves out a patient whose Consent denies one of the plan\'s purposes, and keeps it for the default purpose', async () => {
    const research = await loadPlanSites(smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES), root);
    const treatment = await loadPlanSites(smallFhirPlan({ windowing: BASE_WINDOWING, consentPurposes: ['TREAT'] }, HR_FEATURES), root);
    expect(research.summaries?.[0]?.patients.excluded).toEqual({});
    expect(treatment.summaries?.[0]?.patients.excluded).toEqual({ consentDenied: 1 });
  });

  it('splits by the plan\'s seed: the same seed gives the same test patients, another seed others', async () => {
    const plan = smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES);
    const [a, b, c] = await Promise.all([loadPlanData(plan, root), loadPlanData(plan, root), loadPlanData({ ...plan, seed: 6 }, root)]);
    expect(a[0]?.test.features).toEqual(b[0]?.test.features);
    expect([...a[0]!.test.features]).not.toEqual([...c[0]!.test.features]);
  });

  it('gives a participant its own site\'s split, the same rows as the whole consortium\'s', async () => {
    const plan = smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES);
    const all = await loadPlanData(plan, root);
    const own = await loadSiteSplit(plan, root, 'site-b');
    expect(own.site).toBe('site-b');
    expect(own.test.features).toEqual(all[1]?.test.features);
    const alone = await loadSiteSplit(plan, join(root, 'site-a'), 'site-a');
    expect(alone.test.features).toEqual(all[0]?.test.features);
  });

  it('refuses plan features that are not the data\'s columns, naming the first difference, before reading data', async () => {
    const plan = smallFhirPlan({ windowing: BASE_WINDOWING }, ['heartRate.last', 'heartRate.max']);
    await expect(loadPlanData(plan, join(root, 'nowhere'))).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: `the plan's feature 2 is "heartRate.max" but ${join(root, 'nowhere')} yields "heartRate.mean" there with the plan's data section`,
    });
    const short = smallFhirPlan({ windowing: BASE_WINDOWING }, ['heartRate.last']);
    await expect(loadPlanData(short, root)).rejects.toMatchObject({ code: 'DATASET_UNSUPPORTED', message: expect.stringContaining('its feature 2 "heartRate.mean" is not in the plan') });
  });

  it('names the plan sites the data has no folder for, and refuses UCI data for a FHIR plan', async () => {
    const plan = smallFhirPlan({ windowing: BASE_WINDOWING }, HR_FEATURES, ['site-a', 'site-c']);
    await expect(loadPlanData(plan, root)).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND', message: `${root} has no data for site site-c (it holds site-a)` });
    const defaults = smallFhirPlan({}, [...planFeatureNames({ kind: 'fhir' })]);
    await expect(loadPlanData(defaults, 'uci-heart')).rejects.toMatchObject({ code: 'DATASET_UNSUPPORTED', message: 'plan small-fhir reads FHIR data, but uci-heart is the UCI heart data set' });
  });
});
