// Everything the import keeps about one patient: demographics, consent, vital-sign series and outcome events.
import { TimeSeries } from './TimeSeries.ts';

export interface PatientRecord {
  readonly id: string;
  /** Set once the Patient resource itself has been read; observations may arrive first. */
  found: boolean;
  birthTime: number | undefined;
  female: boolean;
  consentDenied: boolean;
  /** Observations that gave at least one usable value. */
  observationsUsed: number;
  readonly series: Map<string, TimeSeries>;
  readonly outcomeTimes: number[];
  /** Where the patient was first referred to, to report a reference to a Patient that never appears. */
  firstReference: { file: string; line: number } | undefined;
}

export function newPatientRecord(id: string): PatientRecord {
  return {
    id,
    found: false,
    birthTime: undefined,
    female: false,
    consentDenied: false,
    observationsUsed: 0,
    series: new Map(),
    outcomeTimes: [],
    firstReference: undefined,
  };
}

/** The series of `code` for a patient, created on first use. */
export function seriesOf(record: PatientRecord, code: string): TimeSeries {
  let series = record.series.get(code);
  if (series === undefined) {
    series = new TimeSeries();
    record.series.set(code, series);
  }
  return series;
}

/** `Patient/abc`, `urn:uuid:abc` or `abc` → `abc`. */
export function referencedId(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  if (reference.startsWith('urn:uuid:')) return reference.slice('urn:uuid:'.length);
  const slash = reference.lastIndexOf('/');
  return slash >= 0 ? reference.slice(slash + 1) : reference;
}
