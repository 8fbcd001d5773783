// One synthetic patient's resources taken from a generated hospital's NDJSON, as a bedside system would hold them:
// their Patient and vital-sign Observations, as a Bundle or as NDJSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, FhirResource, Observation, Patient } from 'fhir/r4.js';

export interface PatientResources {
  readonly patientId: string;
  readonly patient: Patient;
  readonly observations: Observation[];
}

function ndjson<T>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
}

/** The patient `patientId` of hospital folder `siteDir`, or the one with the most Observations. */
export function patientResources(siteDir: string, patientId?: string): PatientResources {
  const observations = ndjson<Observation>(join(siteDir, 'Observation.ndjson'));
  const bySubject = new Map<string, Observation[]>();
  for (const observation of observations) {
    const id = observation.subject?.reference?.replace('Patient/', '') ?? '';
    bySubject.set(id, [...(bySubject.get(id) ?? []), observation]);
  }
  const chosen = patientId ?? [...bySubject.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0]![0];
  const patient = ndjson<Patient>(join(siteDir, 'Patient.ndjson')).find((candidate) => candidate.id === chosen)!;
  return { patientId: chosen, patient, observations: bySubject.get(chosen) ?? [] };
}

export function patientBundle(resources: readonly FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })) };
}

export function writeNdjson(file: string, resources: readonly FhirResource[]): string {
  writeFileSync(file, resources.map((resource) => `${JSON.stringify(resource)}\n`).join(''));
  return file;
}
