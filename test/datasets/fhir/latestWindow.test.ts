import { describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { FeatureTable } from '../../../datasets/fhir/FeatureTable.ts';
import { latestWindow } from '../../../datasets/fhir/latestWindow.ts';
import { newPatientRecord, seriesOf } from '../../../datasets/fhir/PatientRecord.ts';
import { DEFAULT_WINDOWING, type WindowingOptions } from '../../../datasets/fhir/windowing.ts';
import { windowPatient } from '../../../datasets/fhir/windowPatient.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-04T08:00:00Z');
const options: WindowingOptions = { ...DEFAULT_WINDOWING, windowHours: 4, strideHours: 2, minValues: 3, featureCodes: ['8867-4', '8310-5'], aggregates: ['last', 'mean', 'slope', 'min', 'max', 'std'] };

/** Heart rate every hour from 0 to `lastHour` rising 2/h, temperature at hours 1 and 3. */
function patient(lastHour: number) {
  const record = newPatientRecord('p');
  record.birthTime = T0 - 50 * 365.25 * 24 * HOUR;
  record.female = true;
  for (let h = lastHour; h >= 0; h--) seriesOf(record).push(0, T0 + h * HOUR, 60 + 2 * h);
  for (const h of [1, 3]) seriesOf(record).push(1, T0 + h * HOUR, 37 + h / 10);
  return record;
}

describe('latestWindow', () => {
  it('gives exactly the training row of a window ending at the latest value', () => {
    // Training windows end at 4, 6 and 8 h; the latest value is at 8 h, so the last training row is the same window.
    const table = new FeatureTable(14);
    windowPatient(patient(8), options, table, { windows: 0, positive: 0, missing: [0, 0] });
    const window = latestWindow(patient(8), options);
    expect(window.end).toBe(T0 + 8 * HOUR);
    expect(window.start).toBe(T0 + 4 * HOUR);
    // The training table holds float32; bedside inference rounds the row the same way before scaling it.
    expect(Float32Array.from(window.features)).toEqual(table.row(table.rows - 1));
    // (4, 8]: heart rates at 5..8 h; no temperature in the window.
    expect(window.values).toBe(4);
    expect(window.features.slice(0, 5)).toEqual([76, 73, expect.closeTo(2, 5), 70, 76]);
    expect(window.features.slice(6, 12).every(Number.isNaN)).toBe(true);
    expect(window.features[12]).toBeCloseTo(50 + 8 / (365.25 * 24), 6);
    expect(window.features[13]).toBe(1);
  });

  it('refuses a window with fewer values than the plan needs instead of making up a probability', () => {
    const record = newPatientRecord('p7');
    seriesOf(record).push(0, T0, 80);
    seriesOf(record).push(0, T0 + 10 * HOUR, 82);
    seriesOf(record).push(1, T0 + 11 * HOUR, 37);
    const refusal = (() => {
      try {
        latestWindow(record, options);
      } catch (error) {
        return error as MedflError;
      }
      return undefined;
    })();
    expect(refusal?.code).toBe('VITALS_TOO_FEW');
    expect(refusal?.message).toBe('patient p7 has 2 vital-sign values in the 4 h before 2026-03-04T19:00:00.000Z; the plan needs at least 3');
  });
});
