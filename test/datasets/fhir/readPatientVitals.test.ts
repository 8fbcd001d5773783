// A bedside prediction names the values it used as its basis, whatever the patient's data came as: FHIR or a feed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPatientVitals } from '../../../datasets/fhir/readPatientVitals.ts';
import { DEFAULT_WINDOWING } from '../../../datasets/fhir/windowing.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-patient-vitals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPatientVitals', () => {
  it('notes the values of a CSV feed as used observations (described, since a feed row has no Observation id)', async () => {
    writeFileSync(join(dir, 'observations.csv'), [
      'patient,time,loinc,value,unit',
      'p1,2026-01-06T08:00:00Z,8867-4,88,/min',
      'p1,2026-01-06T09:00:00Z,8867-4,92,/min',
      'p1,2026-01-06T09:00:00Z,9279-1,18,/min',
    ].join('\n'));
    writeFileSync(join(dir, 'patients.csv'), 'patient,birth_date,sex\np1,1950-02-03,F\n');
    const vitals = await readPatientVitals({ file: dir }, DEFAULT_WINDOWING, 'p1');
    expect(vitals.record.id).toBe('p1');
    expect(vitals.observations.map((used) => used.display)).toEqual(['8867-4 at 2026-01-06T08:00:00Z', '8867-4 at 2026-01-06T09:00:00Z', '9279-1 at 2026-01-06T09:00:00Z']);
    expect(vitals.observations.every((used) => used.reference === undefined)).toBe(true);
  });
});
