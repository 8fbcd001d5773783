import { describe, expect, it } from 'vitest';
import { FeatureTable } from '../../../datasets/fhir/FeatureTable.ts';
import { newPatientRecord, seriesOf } from '../../../datasets/fhir/PatientRecord.ts';
import { DEFAULT_WINDOWING, type WindowingOptions } from '../../../datasets/fhir/windowing.ts';
import { windowPatient, type WindowCounts } from '../../../datasets/fhir/windowPatient.ts';

const HOUR = 3_600_000;
const options: WindowingOptions = { ...DEFAULT_WINDOWING, windowHours: 4, horizonHours: 3, strideHours: 2, minValues: 1, featureCodes: ['8867-4', '8310-5'], aggregates: ['last', 'mean', 'slope', 'min', 'max', 'std'], demographics: true };

function windows(eventHours: number | undefined) {
  const record = newPatientRecord('p');
  record.birthTime = -50 * 365.25 * 24 * HOUR;
  record.female = true;
  // Heart rate every hour 0..12 rising 2/h, given out of order; temperature only at hour 1.
  for (const h of [12, 3, 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]) seriesOf(record).push(0, h * HOUR, 60 + 2 * h);
  seriesOf(record).push(1, 1 * HOUR, 37.5);
  if (eventHours !== undefined) record.outcomeTimes.push(eventHours * HOUR);
  const table = new FeatureTable(14);
  const counts: WindowCounts = { windows: 0, positive: 0, missing: [0, 0] };
  windowPatient(record, options, table, counts);
  return { table, counts };
}

describe('windowPatient', () => {
  it('predicts every stride from the first full window to the last value, with aggregates of (end - window, end]', () => {
    const { table, counts } = windows(undefined);
    expect(counts).toEqual({ windows: 5, positive: 0, missing: [0, 4] });
    const first = Array.from(table.row(0));
    // Window (0, 4]: heart rates at hours 1..4 = 62, 64, 66, 68.
    expect(first.slice(0, 6)).toEqual([68, 65, 2, 62, 68, expect.closeTo(Math.sqrt(5), 5)]);
    expect(first.slice(6, 12)).toEqual([37.5, 37.5, Number.NaN, 37.5, 37.5, Number.NaN]);
    expect(first[12]).toBeCloseTo(50, 3);
    expect(first[13]).toBe(1);
    expect(Array.from(table.row(1)).slice(6, 12).every(Number.isNaN)).toBe(true);
  });

  it('labels windows the event follows within the horizon, and stops before the event', () => {
    const { table, counts } = windows(9);
    // Ends at 4, 6, 8; the event at 9 is within 3 h of ends 6 and 8.
    expect(counts.windows).toBe(3);
    expect(table.labels).toEqual([0, 1, 1]);
  });
});
