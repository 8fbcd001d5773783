// The state one site import fills as resources stream past, and the settings that decide what is kept.
import type { ImportTally } from './ImportTally.ts';
import { newPatientRecord, type PatientRecord } from './PatientRecord.ts';

export interface ImportSettings {
  /** Feature codes whose values are kept (canonical LOINC codes), each with its index in the windowing's list. */
  readonly featureCodes: ReadonlyMap<string, number>;
  /** UCUM unit of each feature code that is not a built-in vital. */
  readonly extraUnits: Readonly<Record<string, string>>;
  /** Consent purposes whose denial excludes a patient. */
  readonly denyPurposes: readonly string[];
  readonly outcome: { readonly system: string; readonly code: string };
}

export interface ImportContext {
  readonly settings: ImportSettings;
  readonly tally: ImportTally;
  readonly patients: Map<string, PatientRecord>;
}

/** The record of patient `id`, created on first mention; remembers where a not-yet-seen patient was referred to. */
export function patientFor(context: ImportContext, id: string, file: string, line: number): PatientRecord {
  let record = context.patients.get(id);
  if (record === undefined) {
    record = newPatientRecord(id);
    context.patients.set(id, record);
  }
  record.firstReference ??= { file, line };
  return record;
}
