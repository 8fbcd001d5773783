// CSV feeds end to end through loadFhirSites: the four kinds, demographics and outcome, every bad row with its line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFhirSites } from '../../../datasets/fhir/loadFhirSites.ts';
import { ICU_ADMISSION } from '../../../datasets/fhir/windowing.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const windowing = { windowHours: 4, horizonHours: 4, strideHours: 1, minValues: 2, featureCodes: ['8867-4'], extraUnits: {}, aggregates: ['last' as const], demographics: true, outcome: { ...ICU_ADMISSION } };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'medfl-csv-feed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const heartRates = (patient: string) => Array.from({ length: 12 }, (_, h) => `${patient},${iso(h)},8867-4,${70 + h},/min`);

function writeFeeds(extraRows: string[] = []): void {
  writeFileSync(join(dir, 'observations.csv'), ['patient,time,loinc,value,unit', ...heartRates('p1'), ...heartRates('p2'), ...extraRows].join('\r\n'));
  writeFileSync(join(dir, 'patients.csv'), '\ufeffPatient,Birth_Date,Sex\np1,1960-07-01,F\np2,,male\n');
  writeFileSync(join(dir, 'events.csv'), `patient,time,system,code\np1,${iso(14)},${ICU_ADMISSION.system},${ICU_ADMISSION.code}\n`);
  writeFileSync(join(dir, 'consents.csv'), 'patient,purpose,decision\np1,HRESRCH,permit\np2,HRESRCH,deny\n');
}

describe('CSV feeds', () => {
  it('read as FHIR would: consent denial, the outcome event and demographics from the side files', async () => {
    writeFeeds();
    const { sites, summaries } = await loadFhirSites(dir, { windowing, testFraction: 0 });
    expect(summaries[0]?.patients).toEqual({ found: 2, used: 1, excluded: { consentDenied: 1 } });
    expect(summaries[0]?.observations).toMatchObject({ read: 24, vitalSigns: 24, used: 12 });
    // p1 alone, windows ending at hours 4..11; the ICU admission at 14 labels those ending at 10 and 11.
    expect(summaries[0]?.windows).toEqual({ total: 8, positive: 2, train: 8, test: 0 });
    expect(Array.from(sites[0]?.train.labels ?? [])).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(sites[0]?.train.featureNames).toEqual(['heartRate.last', 'age', 'female']);
    expect(summaries[0]?.issuesTotal).toBe(0);
  });

  it('a patient named only by observation rows is used, without demographics', async () => {
    writeFileSync(join(dir, 'vitals.csv'), ['patient,time,loinc,value,unit', ...heartRates('p9')].join('\n'));
    const { summaries } = await loadFhirSites(dir, { windowing, testFraction: 0 });
    expect(summaries[0]?.patients).toEqual({ found: 1, used: 1, excluded: {} });
  });

  it('counts every bad row with its file and line and reads the rest', async () => {
    writeFeeds([
      `p1,${iso(3)},8867-5,80,/min`,
      `p1,not-a-time,8867-4,80,/min`,
      `p1,${iso(3)},8867-4,"80,5",/min`,
      `p1,${iso(3)},8867-4,80,bpm`,
      `p1,${iso(3)},8867-4,80`,
      `,${iso(3)},8867-4,80,/min`,
      `p1,${iso(3)},8867-4,8"0,/min`,
      `p1,${iso(3)},2345-7,5.5,mmol/L`,
    ]);
    const { summaries } = await loadFhirSites(dir, { windowing, testFraction: 0 });
    const issues = summaries[0]?.issues.map(({ file, line, code, message }) => `${file}:${line} ${code} ${message}`);
    expect(issues).toEqual([
      'observations.csv:26 CSV_MALFORMED loinc "8867-5" is not a LOINC code (digits, hyphen, check digit)',
      'observations.csv:27 CSV_MALFORMED time "not-a-time" is not an ISO-8601 date-time (e.g. 2026-01-05T08:30:00Z)',
      'observations.csv:28 CSV_MALFORMED value "80,5" of 8867-4 is not a number (a dot for decimals)',
      'observations.csv:29 FHIR_UNKNOWN_UNIT Observation 8867-4: unit "bpm" is unknown for this code (expected /min)',
      'observations.csv:30 CSV_MALFORMED 4 fields, expected 5 (patient,time,loinc,value,unit)',
      'observations.csv:31 CSV_MALFORMED no patient id',
      'observations.csv:32 CSV_MALFORMED a quote inside an unquoted field (field 4)',
    ]);
    // A valid LOINC code that is not a feature (glucose here) is read and not used, as in FHIR: not an issue.
    expect(summaries[0]?.observations).toMatchObject({ read: 26, vitalSigns: 25 });
    expect(summaries[0]?.malformed).toBe(6);
    expect(summaries[0]?.unknownUnits).toEqual({ '8867-4 bpm': 1 });
  });

  it('bad patient, event and consent rows are counted too', async () => {
    writeFeeds();
    writeFileSync(join(dir, 'patients.csv'), 'patient,birth_date,sex\np1,01/07/1960,F\np2,1950-01-01,x\n');
    writeFileSync(join(dir, 'events.csv'), `patient,time,system,code\np1,${iso(14)},,\n`);
    writeFileSync(join(dir, 'consents.csv'), 'patient,purpose,decision\np2,HRESRCH,maybe\n');
    const { summaries } = await loadFhirSites(dir, { windowing, testFraction: 0 });
    expect(summaries[0]?.issues.map(({ file, line, message }) => `${file}:${line} ${message}`)).toEqual([
      'consents.csv:2 decision "maybe" is neither deny nor permit',
      'events.csv:2 an event needs its coding: system and code',
      'patients.csv:2 birth_date "01/07/1960" is not a date (YYYY-MM-DD)',
      'patients.csv:3 sex "x" is none of female, male, other, unknown (or F, M, O, U)',
    ]);
  });

  it('a .csv file that is not a medfl feed is one CSV_NOT_CSV error naming the file and the headers it may have', async () => {
    writeFileSync(join(dir, 'export.csv'), 'id;name;value\n1;x;2\n');
    await expect(loadFhirSites(dir)).rejects.toMatchObject({
      code: 'CSV_NOT_CSV',
      message: expect.stringMatching(/^export\.csv:1: not a medfl CSV feed: the header must be one of patient,time,loinc,value,unit \(observations\); .* found "id;name;value"$/),
    });
    writeFileSync(join(dir, 'export.csv'), '');
    await expect(loadFhirSites(dir)).rejects.toMatchObject({ code: 'CSV_NOT_CSV', message: 'export.csv is empty: a medfl CSV feed starts with its header' });
  });
});
