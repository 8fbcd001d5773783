// Writes FHIR resources as the legacy CSV feed kinds (csvFeedRows.ts): one file per kind, RFC 4180 quoting.
import type { Consent, Encounter, Observation, Patient } from 'fhir/r4.js';
import { join } from 'node:path';
import { CSV_KINDS, type CsvKind } from './csvFeedRows.ts';
import { referencedId } from '../fhir/PatientRecord.ts';
import { encounterEvents, feedValues, observationTime } from './feedValues.ts';
import { LineWriter } from '../LineWriter.ts';

/** Results a FHIR import would not use; a CSV row has no status, so they are left out rather than made final. */
const UNUSABLE_STATUS = new Set(['registered', 'cancelled', 'entered-in-error', 'unknown']);

/** A field quoted when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export class CsvFeedWriter {
  private readonly writers = new Map<CsvKind, LineWriter>();
  readonly rows: Record<CsvKind, number> = { observations: 0, patients: 0, events: 0, consents: 0 };

  /** Opens `<dir>/<kind>.csv` for each of `kinds`; resources of other kinds are ignored. */
  constructor(dir: string, kinds: readonly CsvKind[]) {
    for (const kind of kinds) {
      const writer = new LineWriter(join(dir, `${kind}.csv`));
      writer.write(CSV_KINDS[kind].join(','));
      this.writers.set(kind, writer);
    }
  }

  private row(kind: CsvKind, fields: string[]): void {
    const writer = this.writers.get(kind);
    if (writer === undefined) return;
    writer.write(fields.map(csvField).join(','));
    this.rows[kind] += 1;
  }

  patient(patient: Patient): void {
    this.row('patients', [patient.id ?? '', patient.birthDate ?? '', patient.gender ?? '']);
  }

  observation(observation: Observation): void {
    const patient = referencedId(observation.subject?.reference);
    const time = observationTime(observation);
    if (patient === undefined || time === undefined || UNUSABLE_STATUS.has(observation.status)) return;
    for (const { code, value, unit } of feedValues(observation)) this.row('observations', [patient, time, code, String(value), unit]);
  }

  encounter(encounter: Encounter): void {
    const patient = referencedId(encounter.subject?.reference);
    if (patient === undefined) return;
    for (const { system, code, time } of encounterEvents(encounter)) this.row('events', [patient, time, system, code]);
  }

  /** The top-level provision of an active Consent, one row per purpose. */
  consent(consent: Consent): void {
    const patient = referencedId(consent.patient?.reference);
    const decision = consent.provision?.type;
    if (patient === undefined || decision === undefined || consent.status !== 'active') return;
    const purposes = (consent.provision?.purpose ?? []).map((coding) => coding.code ?? '');
    for (const purpose of purposes.length ? purposes : ['']) this.row('consents', [patient, purpose, decision]);
  }

  close(): void {
    for (const writer of this.writers.values()) writer.close();
  }
}
