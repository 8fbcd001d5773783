// Builds the FHIR R4 resources the generator writes (Patient, Device, Encounter, Consent, Observation), shaped
// like a Bulk-Data export of a hospital: LOINC-coded vitals with UCUM units and device references.
import type { Consent, Device, Encounter, Observation, ObservationComponent, Patient, Quantity } from 'fhir/r4.js';
import { ICU_ADMISSION } from '../fhir/windowing.ts';
import { RESEARCH_PURPOSE } from '../fhir/consentDenies.ts';

const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const VITAL_SIGNS = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }];

/** ISO-8601 without milliseconds, always UTC: stable bytes for the same instant. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function patientResource(id: string, female: boolean, birthYear: number): Patient {
  return { resourceType: 'Patient', id, gender: female ? 'female' : 'male', birthDate: `${birthYear}-01-01` };
}

export function deviceResource(id: string, vendor: string, serial: number): Device {
  return { resourceType: 'Device', id, status: 'active', manufacturer: vendor, serialNumber: `SN-${serial}`, deviceName: [{ name: `${vendor} bedside monitor`, type: 'model-name' }] };
}

/** The ward stay, and for deteriorating patients the ICU admission that is the outcome event. */
export function encounterResource(id: string, patientId: string, start: number, end: number, icu: boolean): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
    ...(icu ? { type: [{ coding: [{ ...ICU_ADMISSION, display: 'Admission to intensive care unit' }] }] } : {}),
    subject: { reference: `Patient/${patientId}` },
    period: { start: isoTime(start), end: isoTime(end) },
  };
}

/** A research consent: permit, or (opt-out) deny, for purpose HRESRCH. */
export function consentResource(id: string, patientId: string, time: number, deny: boolean): Consent {
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'research' }] },
    category: [{ coding: [{ system: LOINC, code: '57016-8', display: 'Privacy policy acknowledgement' }] }],
    patient: { reference: `Patient/${patientId}` },
    dateTime: isoTime(time),
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: deny ? 'OPTOUT' : 'OPTIN' }] },
    provision: { type: deny ? 'deny' : 'permit', purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: RESEARCH_PURPOSE }] },
  };
}

export function quantity(value: number, unit: string): Quantity {
  return { value, unit, system: UCUM, code: unit };
}

export interface ObservationRefs {
  id: string;
  patientId: string;
  deviceId: string;
  /** effectiveDateTime, formatted once per reading time by the caller. */
  time: string;
}

/** A vital-sign Observation with either a value or (blood-pressure panel) components. */
export function observationResource(refs: ObservationRefs, code: string, value: Quantity | ObservationComponent[]): Observation {
  return {
    resourceType: 'Observation',
    id: refs.id,
    status: 'final',
    category: VITAL_SIGNS,
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: `Patient/${refs.patientId}` },
    effectiveDateTime: refs.time,
    device: { reference: `Device/${refs.deviceId}` },
    ...(Array.isArray(value) ? { component: value } : { valueQuantity: value }),
  };
}

export function component(code: string, value: Quantity): ObservationComponent {
  return { code: { coding: [{ system: LOINC, code }] }, valueQuantity: value };
}
