// Consent exclusion and bad input, end to end through loadFhirSites on small hand-written exports.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFhirSites } from '../../../datasets/fhir/loadFhirSites.ts';
import { ICU_ADMISSION } from '../../../datasets/fhir/windowing.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

function heartRate(id: string, patient: string, hours: number, value: number, unit = '/min') {
  return {
    resourceType: 'Observation', id, status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
    subject: { reference: `Patient/${patient}` }, effectiveDateTime: iso(hours),
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

function consent(patient: string, type: 'deny' | 'permit', status = 'active') {
  return {
    resourceType: 'Consent', status, patient: { reference: `Patient/${patient}` },
    provision: { type, purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESRCH' }] },
  };
}

const ndjson = (resources: object[]) => resources.map((r) => JSON.stringify(r)).join('\n') + '\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'medfl-fhir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Two patients with 12 hourly heart rates each; p2's Consent denies research. */
function writeSite(extraObservations: string[] = []): void {
  const patients = ['p1', 'p2'].map((id) => ({ resourceType: 'Patient', id, gender: 'female', birthDate: '1960-01-01' }));
  writeFileSync(join(dir, 'Patient.ndjson'), ndjson(patients));
  writeFileSync(join(dir, 'Consent.ndjson'), ndjson([consent('p1', 'permit'), consent('p2', 'deny')]));
  const observations = ['p1', 'p2'].flatMap((p) => Array.from({ length: 12 }, (_, h) => heartRate(`${p}-${h}`, p, h, 70 + h)));
  writeFileSync(join(dir, 'Observation.ndjson'), ndjson(observations) + extraObservations.join('\n') + (extraObservations.length ? '\n' : ''));
  const icu = { resourceType: 'Encounter', status: 'finished', type: [{ coding: [ICU_ADMISSION] }], subject: { reference: 'Patient/p1' }, period: { start: iso(14) } };
  writeFileSync(join(dir, 'Encounter.ndjson'), ndjson([icu]));
}

const windowing = { windowHours: 4, horizonHours: 4, strideHours: 1, minValues: 2, featureCodes: ['8867-4'], extraUnits: {}, aggregates: ['last' as const, 'slope' as const], demographics: false, outcome: { ...ICU_ADMISSION } };

describe('Consent', () => {
  it('leaves out every observation of a patient whose active Consent denies research, and counts them', async () => {
    writeSite();
    const { summaries } = await loadFhirSites(dir, { windowing, testFraction: 0 });
    const summary = summaries[0];
    expect(summary?.patients).toEqual({ found: 2, used: 1, excluded: { consentDenied: 1 } });
    expect(summary?.observations).toMatchObject({ read: 24, used: 12, excluded: { consentDenied: 12 } });
    // p1 alone: windows end at hours 4..11 (stride 1), the ICU admission at 14 is within 4 h of those ending at 10 and 11.
    expect(summary?.windows).toEqual({ total: 8, positive: 2, train: 8, test: 0 });
  });

  it('lets an inactive denying Consent decide nothing', async () => {
    writeSite();
    writeFileSync(join(dir, 'Consent.ndjson'), ndjson([consent('p2', 'deny', 'inactive')]));
    const { summaries } = await loadFhirSites(dir, { windowing });
    expect(summaries[0]?.patients).toEqual({ found: 2, used: 2, excluded: {} });
  });

  it('excludes for the purposes the caller names, not only research', async () => {
    writeSite();
    const { summaries } = await loadFhirSites(dir, { windowing, denyPurposes: ['TREAT'] });
    expect(summaries[0]?.patients.used).toBe(2);
  });
});

describe('bad input is reported precisely and nothing crashes', () => {
  it('reports a resource whose fields have the wrong JSON types as malformed, and reads the rest', async () => {
    writeSite();
    const encounter = { resourceType: 'Encounter', id: 'e1', type: { coding: [] }, subject: { reference: 'Patient/p1' } };
    const badConsent = { resourceType: 'Consent', id: 'c9', status: 'active', patient: { reference: 5 } };
    writeFileSync(join(dir, 'Encounter.ndjson'), ndjson([encounter, badConsent]));
    const { summaries } = await loadFhirSites(dir, { windowing });
    expect(summaries[0]?.malformed).toBe(2);
    expect(summaries[0]?.issues).toEqual([
      { file: 'Encounter.ndjson', line: 1, code: 'FHIR_MALFORMED', message: expect.stringMatching(/^Encounter e1 has a field of the wrong type \(.+\)$/) },
      { file: 'Encounter.ndjson', line: 2, code: 'FHIR_MALFORMED', message: expect.stringMatching(/^Consent c9 has a field of the wrong type \(.+\)$/) },
    ]);
    expect(summaries[0]?.patients.used).toBe(1);
  });

  it('reports a truncated NDJSON line with its file and line, and reads the rest', async () => {
    writeSite([JSON.stringify(heartRate('x', 'p1', 30, 80)).slice(0, 60)]);
    const { summaries } = await loadFhirSites(dir, { windowing });
    expect(summaries[0]?.malformed).toBe(1);
    expect(summaries[0]?.issues).toEqual([
      { file: 'Observation.ndjson', line: 25, code: 'FHIR_MALFORMED', message: expect.stringMatching(/^invalid JSON \(.*\); is the line truncated\?$/) },
    ]);
    expect(summaries[0]?.observations.read).toBe(24);
  });

  it('counts and reports a known code in an unknown unit instead of using it; converts known units', async () => {
    const fahrenheit = { ...heartRate('t', 'p1', 3, 100.4, '[degF]'), code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] } };
    writeSite([JSON.stringify(heartRate('u', 'p1', 2, 75, 'bpm')), JSON.stringify(fahrenheit)]);
    const { summaries } = await loadFhirSites(dir, { windowing: { ...windowing, featureCodes: ['8867-4', '8310-5'] } });
    const summary = summaries[0];
    expect(summary?.unknownUnits).toEqual({ '8867-4 bpm': 1 });
    expect(summary?.unitsNormalised).toEqual({ '8310-5 [degF]->Cel': 1 });
    expect(summary?.observations.excluded).toMatchObject({ unknownUnit: 1 });
    expect(summary?.issues).toContainEqual({
      file: 'Observation.ndjson', line: 25, code: 'FHIR_UNKNOWN_UNIT', message: 'Observation 8867-4: unit "bpm" is unknown for this code (expected /min)',
    });
  });

  it('treats a value that is not a number as no value', async () => {
    const text = { ...heartRate('s', 'p1', 2, 0), valueQuantity: { value: 'eighty', unit: '/min', code: '/min' } };
    writeSite([JSON.stringify(text)]);
    const { summaries } = await loadFhirSites(dir, { windowing });
    expect(summaries[0]?.observations.excluded).toMatchObject({ noValue: 1 });
    expect(summaries[0]?.valuesByCode).toEqual({ '8867-4': 24 });
  });

  it('reports observations of a patient missing from the export where they were first referred to', async () => {
    writeSite([JSON.stringify(heartRate('m', 'p9', 1, 90))]);
    const { summaries } = await loadFhirSites(dir, { windowing });
    expect(summaries[0]?.observations.excluded).toMatchObject({ noPatientResource: 1 });
    expect(summaries[0]?.issues).toContainEqual({
      file: 'Observation.ndjson', line: 25, code: 'FHIR_MISSING_REFERENCE', message: 'reference to Patient p9, which is not in the export',
    });
  });

  it('refuses a Bundle file whose resourceType is wrong', async () => {
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify({ resourceType: 'Bundel', type: 'collection', entry: [] }));
    await expect(loadFhirSites(dir)).rejects.toMatchObject({
      code: 'FHIR_NOT_FHIR',
      message: 'bundle.json: expected a FHIR Bundle or one of Patient, Observation, Consent, Encounter, Device, found resourceType "Bundel"',
    });
  });

  it('refuses a .json file that is not JSON, naming the line', async () => {
    writeFileSync(join(dir, 'notes.json'), '{\n  "resourceType": "Bundle",\n  oops\n}\n');
    await expect(loadFhirSites(dir)).rejects.toMatchObject({ code: 'FHIR_NOT_FHIR', message: expect.stringMatching(/^notes\.json:3: not JSON \(/) });
  });

  it('refuses an NDJSON file in which no line is a FHIR resource', async () => {
    writeFileSync(join(dir, 'Observation.ndjson'), 'id,hr\n1,80\n');
    await expect(loadFhirSites(dir)).rejects.toMatchObject({
      code: 'FHIR_NOT_FHIR',
      message: expect.stringMatching(/^Observation\.ndjson is not FHIR NDJSON: no line is a FHIR resource \(Observation\.ndjson:1: invalid JSON/),
    });
  });

  it('reports Bundle entries without a resource or of an unknown type by entry number, and reads the others', async () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p1' } }, { fullUrl: 'urn:uuid:x' }, { resource: { resourceType: 'Pateint' } }] };
    mkdirSync(join(dir, 'bundles'));
    writeFileSync(join(dir, 'bundles', 'b.json'), JSON.stringify(bundle));
    const { summaries } = await loadFhirSites(dir);
    expect(summaries[0]?.issues).toEqual([
      { file: join('bundles', 'b.json'), line: 2, code: 'FHIR_MALFORMED', message: 'Bundle entry 2 holds no FHIR resource' },
      { file: join('bundles', 'b.json'), line: 3, code: 'FHIR_MALFORMED', message: 'Bundle entry 3: unknown resourceType "Pateint"' },
    ]);
    expect(summaries[0]?.patients).toEqual({ found: 1, used: 0, excluded: { noVitalSigns: 1 } });
  });

  it('says what is wrong with a missing path, a folder without FHIR files, and another kind of file', async () => {
    await expect(loadFhirSites(join(dir, 'nope'))).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND', message: `no such file or folder: ${join(dir, 'nope')}` });
    await expect(loadFhirSites(dir)).rejects.toMatchObject({ code: 'DATASET_UNSUPPORTED', message: `${dir} holds no site data (FHIR *.ndjson Bulk Data or *.json Bundles, *.csv or *.hl7 feeds)` });
    writeFileSync(join(dir, 'data.txt'), 'a,b\n');
    await expect(loadFhirSites(join(dir, 'data.txt'))).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: `${join(dir, 'data.txt')}: expected a FHIR .ndjson or .json file, a .csv feed or an .hl7 feed`,
    });
  });
});
