import { describe, expect, it } from 'vitest';
import { PatientSeries } from '../../../datasets/fhir/PatientSeries.ts';

const T0 = Date.UTC(2015, 5, 1, 12, 0);
const DAY = 86_400_000;

describe('PatientSeries', () => {
  it('returns each code sorted by time, whatever order values arrived in, across growth', () => {
    const series = new PatientSeries();
    for (let i = 99; i >= 0; i--) series.push(i % 2, T0 + i * 60_000, i);
    expect(series.length).toBe(100);
    const even = series.sorted(0);
    expect(Array.from(even.values)).toEqual(Array.from({ length: 50 }, (_, k) => 2 * k));
    expect(even.times[1]).toBe(T0 + 2 * 60_000);
    expect(series.sorted(2).times).toHaveLength(0);
  });

  it('keeps times to the minute over ten years, before and after the first value', () => {
    const series = new PatientSeries();
    const times = [T0, T0 + 3650 * DAY + 37 * 60_000, T0 - 400 * DAY];
    times.forEach((time, i) => series.push(0, time, i));
    expect(Array.from(series.sorted(0).times)).toEqual([...times].sort((a, b) => a - b));
  });
});
