// A small FHIR consortium written by hand into a temp folder, one sub-folder per site and no manifest, with what
// plans may ask of it: an extra lab code in several units, two outcome codings, and a Consent denying one purpose.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { ICU_ADMISSION } from '../../../datasets/fhir/windowing.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const ndjson = (resources: object[]) => resources.map((r) => JSON.stringify(r)).join('\n') + '\n';

export const GLUCOSE = '2345-7';
export const RAPID_RESPONSE = { system: 'http://snomed.info/sct', code: '1234567' };
export const SITES = ['site-a', 'site-b'];
export const PATIENTS = 12;

function observation(id: string, patient: string, code: string, hours: number, value: number, unit: string) {
  return {
    resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: `Patient/${patient}` }, effectiveDateTime: iso(hours),
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

function encounter(patient: string, coding: { system: string; code: string }, hours: number) {
  return { resourceType: 'Encounter', status: 'finished', type: [{ coding: [coding] }], subject: { reference: `Patient/${patient}` }, period: { start: iso(hours) } };
}

/** Patient `p<i>`: ICU admission at 20 h when i % 3 == 0, a rapid-response call at 14 h when i % 3 == 1. */
function writeSite(dir: string, site: number): void {
  mkdirSync(dir, { recursive: true });
  const ids = Array.from({ length: PATIENTS }, (_, i) => `p${i}`);
  writeFileSync(join(dir, 'Patient.ndjson'), ndjson(ids.map((id, i) => ({ resourceType: 'Patient', id, gender: i % 2 ? 'female' : 'male', birthDate: '1950-06-01' }))));
  // p0's Consent denies treatment-related use (TREAT) only, so research use (the default purpose) keeps it.
  const consent = { resourceType: 'Consent', status: 'active', patient: { reference: 'Patient/p0' }, provision: { type: 'deny', purpose: [{ code: 'TREAT' }] } };
  writeFileSync(join(dir, 'Consent.ndjson'), ndjson([consent]));
  const observations = ids.flatMap((id, i) => [
    ...Array.from({ length: 24 }, (_, h) => observation(`${id}-hr-${h}`, id, '8867-4', h, 70 + ((h * 7 + i * 3 + site) % 30), '/min')),
    // Glucose every 3 h: mg/dL at site 1, g/L at site 2 (the same quantity), and one mmol/L value that cannot convert.
    ...Array.from({ length: 8 }, (_, k) => observation(`${id}-glu-${k}`, id, GLUCOSE, k * 3, site === 1 ? 90 + i + k : (90 + i + k) / 100, site === 1 ? 'mg/dL' : 'g/L')),
    observation(`${id}-glu-mol`, id, GLUCOSE, 1, 5.5, 'mmol/L'),
  ]);
  writeFileSync(join(dir, 'Observation.ndjson'), ndjson(observations));
  const encounters = ids.flatMap((id, i) => (i % 3 === 0 ? [encounter(id, ICU_ADMISSION, 20)] : i % 3 === 1 ? [encounter(id, RAPID_RESPONSE, 14)] : []));
  writeFileSync(join(dir, 'Encounter.ndjson'), ndjson(encounters));
}

/** Writes `<root>/site-a` and `<root>/site-b`; returns `root`. */
export function writeSmallFhir(root: string): string {
  SITES.forEach((site, i) => writeSite(join(root, site), i + 1));
  return root;
}

/** The default vital-sign feature names for heart rate alone, with last and mean. */
export const HR_FEATURES = ['heartRate.last', 'heartRate.mean'];

/** A FHIR plan over the two sites with the given `dataset` section and features. */
export function smallFhirPlan(dataset: Record<string, unknown>, features: string[], sites: string[] = SITES): Plan {
  return parsePlan({
    name: 'small-fhir', seed: 5, model: { kind: 'logistic' }, features, dataset: { kind: 'fhir', ...dataset },
    training: { optimizer: 'adam', learningRate: 0.01, batchSize: 8, localEpochs: 1 }, strategy: { name: 'fedavg' }, rounds: 1,
    privacy: { encryption: 'plaintext', clipNorm: 10 },
    consortium: { sites, minUpdates: sites.length, quorum: sites.length, roundDeadlineSeconds: 60, onRoundFailure: 'stop' },
  }, 'test plan');
}

/** Heart rate (last, mean) over a 4 h window, no demographics: the base the tests vary. */
export const BASE_WINDOWING = { windowHours: 4, horizonHours: 4, strideHours: 1, minValues: 2, featureCodes: ['8867-4'], aggregates: ['last', 'mean'], demographics: false };
