// The window a bedside prediction looks at: the plan's window ending at the patient's latest value, with the same
// aggregates, demographics and minimum value count as the training rows of datasets/fhir/windowPatient.ts.
import { MedflError } from '../../common/MedflError.ts';
import { aggregate } from './aggregate.ts';
import type { PatientRecord } from './PatientRecord.ts';
import type { WindowingOptions } from './windowing.ts';

const HOUR_MS = 3_600_000;
const YEAR_MS = 365.25 * 24 * HOUR_MS;

export interface LatestWindow {
  /** The prediction time: the latest value's time (ms since epoch); the window is (end - windowHours, end]. */
  readonly end: number;
  readonly start: number;
  /** Raw feature values in the plan's column order, NaN where the window has too few values for an aggregate. */
  readonly features: number[];
  /** How many values (all codes together) the window holds. */
  readonly values: number;
}

/** The patient's latest window; VITALS_TOO_FEW when it holds fewer values than the windowing's minValues. */
export function latestWindow(record: PatientRecord, options: WindowingOptions): LatestWindow {
  const series = options.featureCodes.map((_, code) => record.series?.sorted(code) ?? { times: new Float64Array(0), values: new Float32Array(0) });
  const end = Math.max(...series.map((s) => s.times[s.times.length - 1] ?? -Infinity));
  if (!Number.isFinite(end)) throw new MedflError('VITALS_MISSING', `patient ${record.id} has no vital sign the plan uses`);
  const start = end - options.windowHours * HOUR_MS;
  const features: number[] = [];
  let values = 0;
  for (const { times, values: measured } of series) {
    // Training's window: values after `start`, up to and including `end`.
    let lo = 0;
    while (lo < times.length && (times[lo] ?? 0) <= start) lo += 1;
    values += times.length - lo;
    for (const kind of options.aggregates) features.push(aggregate(kind, times, measured, lo, times.length));
  }
  if (values < options.minValues) {
    throw new MedflError(
      'VITALS_TOO_FEW',
      `patient ${record.id} has ${values} vital-sign value${values === 1 ? '' : 's'} in the ${options.windowHours} h before ${new Date(end).toISOString()}; the plan needs at least ${options.minValues}`,
      { details: { patient: record.id, values, minValues: options.minValues, windowHours: options.windowHours } },
    );
  }
  if (options.demographics) features.push(record.birthTime === undefined ? Number.NaN : (end - record.birthTime) / YEAR_MS, record.female ? 1 : 0);
  return { end, start, features, values };
}
