// Everything the import keeps about one patient: demographics, consent, vital-sign series and outcome events.
import { PatientSeries } from './PatientSeries.ts';

export interface PatientRecord {
  readonly id: string;
  /** Set once the Patient resource itself has been read; observations may arrive first. */
  found: boolean;
  birthTime: number | undefined;
  female: boolean;
  consentDenied: boolean;
  /** Observations that gave at least one usable value. */
  observationsUsed: number;
  /** Created with the first value; dropped once the patient has been windowed. */
  series: PatientSeries | undefined;
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
    series: undefined,
    outcomeTimes: [],
    firstReference: undefined,
  };
}

/** The patient's series, created on first use. */
export function seriesOf(record: PatientRecord): PatientSeries {
  record.series ??= new PatientSeries();
  return record.series;
}

/** `Patient/abc`, `urn:uuid:abc` or `abc` → `abc`. */
export function referencedId(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  if (reference.startsWith('urn:uuid:')) return reference.slice('urn:uuid:'.length);
  const slash = reference.lastIndexOf('/');
  return slash >= 0 ? reference.slice(slash + 1) : reference;
}
