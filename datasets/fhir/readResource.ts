// Routes one FHIR resource of a site export to what the import keeps of it; other resource types are only counted.
import type { Consent, Encounter, FhirResource, Patient } from 'fhir/r4.js';
import { consentDenies } from './consentDenies.ts';
import { patientFor, type ImportContext } from './ImportContext.ts';
import { bump } from './ImportTally.ts';
import { referencedId } from './PatientRecord.ts';
import { readObservation } from './readObservation.ts';

function readPatient(patient: Patient, context: ImportContext, file: string, line: number): void {
  if (patient.id === undefined) return context.tally.issue(file, line, 'FHIR_MALFORMED', 'Patient has no id');
  const record = patientFor(context, patient.id, file, line);
  record.found = true;
  record.birthTime = patient.birthDate === undefined ? undefined : Date.parse(patient.birthDate);
  record.female = patient.gender === 'female';
}

/** Deny wins: a patient with any active Consent denying a named purpose is left out, whatever else they signed. */
function readConsent(consent: Consent, context: ImportContext, file: string, line: number): void {
  const id = referencedId(consent.patient?.reference);
  if (id === undefined) return context.tally.issue(file, line, 'FHIR_MISSING_REFERENCE', `Consent ${consent.id ?? ''} names no patient`);
  if (consentDenies(consent, context.settings.denyPurposes)) patientFor(context, id, file, line).consentDenied = true;
}

/** An Encounter typed with the outcome coding marks the outcome event at its start. */
function readEncounter(encounter: Encounter, context: ImportContext, file: string, line: number): void {
  const { system, code } = context.settings.outcome;
  const isOutcome = (encounter.type ?? []).some((type) => (type.coding ?? []).some((c) => c.system === system && c.code === code));
  if (!isOutcome) return;
  const id = referencedId(encounter.subject?.reference);
  const start = Date.parse(encounter.period?.start ?? '');
  if (id === undefined || Number.isNaN(start)) {
    return context.tally.issue(file, line, 'FHIR_MALFORMED', `outcome Encounter ${encounter.id ?? ''} lacks a subject or a period.start`);
  }
  patientFor(context, id, file, line).outcomeTimes.push(start);
}

export function readResource(resource: FhirResource, context: ImportContext, file: string, line: number): void {
  bump(context.tally.resources, resource.resourceType);
  switch (resource.resourceType) {
    case 'Observation':
      return readObservation(resource, context, file, line);
    case 'Patient':
      return readPatient(resource, context, file, line);
    case 'Consent':
      return readConsent(resource, context, file, line);
    case 'Encounter':
      return readEncounter(resource, context, file, line);
  }
}
