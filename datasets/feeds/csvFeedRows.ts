// The four kinds of CSV file a legacy site may export, each told by its header, and how one row of each becomes the
// FHIR resource it stands for. Observations are the long format (one value a row); patients, events and consents
// carry what FHIR keeps in Patient, Encounter and Consent, so a CSV-only site is read exactly as its FHIR export.
import type { Consent, Encounter, FhirResource, Observation, Patient } from 'fhir/r4.js';
import { LOINC_SYSTEM } from '../fhir/loincVitals.ts';
import { isoFeedTime } from './feedTime.ts';
import { isLoincCode } from './isLoincCode.ts';

export const CSV_KINDS = {
  observations: ['patient', 'time', 'loinc', 'value', 'unit'],
  patients: ['patient', 'birth_date', 'sex'],
  events: ['patient', 'time', 'system', 'code'],
  consents: ['patient', 'purpose', 'decision'],
} as const;

export type CsvKind = keyof typeof CSV_KINDS;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BIRTH_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const SEXES: Readonly<Record<string, Patient['gender']>> = { f: 'female', female: 'female', m: 'male', male: 'male', o: 'other', other: 'other', u: 'unknown', unknown: 'unknown', '': 'unknown' };

/** The kind a header names (case and surrounding blanks aside), or undefined. */
export function csvKind(header: readonly string[]): CsvKind | undefined {
  const names = header.map((name) => name.trim().toLowerCase()).join(',');
  return (Object.keys(CSV_KINDS) as CsvKind[]).find((kind) => CSV_KINDS[kind].join(',') === names);
}

/** A row as a resource, or why it cannot be one. `fields` has exactly the kind's columns, in order. */
export type RowResult = FhirResource | string;

const subject = (patient: string) => ({ reference: `Patient/${patient}` });

function observationRow([patient, timeText, loinc, valueText, unit]: string[]): RowResult {
  if (!isLoincCode(loinc ?? '')) return `loinc "${loinc}" is not a LOINC code (digits, hyphen, check digit)`;
  const time = isoFeedTime(timeText ?? '');
  if (time === undefined) return `time "${timeText}" is not an ISO-8601 date-time (e.g. 2026-01-05T08:30:00Z)`;
  const value = (valueText ?? '').trim();
  if (!NUMBER.test(value)) return `value "${valueText}" of ${loinc} is not a number (a dot for decimals)`;
  const observation: Observation = {
    resourceType: 'Observation', status: 'final', code: { coding: [{ system: LOINC_SYSTEM, code: loinc ?? '' }] },
    subject: subject(patient ?? ''), effectiveDateTime: time, valueQuantity: { value: Number(value), code: (unit ?? '').trim() },
  };
  return observation;
}

function patientRow([patient, birthDate, sexText]: string[]): RowResult {
  const birth = (birthDate ?? '').trim();
  if (birth !== '' && (!BIRTH_DATE.test(birth) || Number.isNaN(Date.parse(birth)))) return `birth_date "${birthDate}" is not a date (YYYY-MM-DD)`;
  const gender = SEXES[(sexText ?? '').trim().toLowerCase()];
  if (gender === undefined) return `sex "${sexText}" is none of female, male, other, unknown (or F, M, O, U)`;
  const resource: Patient = { resourceType: 'Patient', id: patient ?? '', gender, ...(birth ? { birthDate: birth } : {}) };
  return resource;
}

function eventRow([patient, timeText, system, code]: string[]): RowResult {
  const time = isoFeedTime(timeText ?? '');
  if (time === undefined) return `time "${timeText}" is not an ISO-8601 date-time (e.g. 2026-01-05T08:30:00Z)`;
  if (!system || !code) return 'an event needs its coding: system and code';
  const encounter: Encounter = { resourceType: 'Encounter', status: 'finished', class: { code: 'IMP' }, type: [{ coding: [{ system, code }] }], subject: subject(patient ?? ''), period: { start: time } };
  return encounter;
}

function consentRow([patient, purpose, decisionText]: string[]): RowResult {
  const decision = (decisionText ?? '').trim().toLowerCase();
  if (decision !== 'deny' && decision !== 'permit') return `decision "${decisionText}" is neither deny nor permit`;
  const consent: Consent = {
    resourceType: 'Consent', status: 'active', scope: { coding: [{ code: 'research' }] }, category: [{ coding: [{ code: 'research' }] }],
    patient: subject(patient ?? ''), provision: { type: decision, ...(purpose ? { purpose: [{ code: purpose }] } : {}) },
  };
  return consent;
}

export const ROW_READERS: Readonly<Record<CsvKind, (fields: string[]) => RowResult>> = {
  observations: observationRow,
  patients: patientRow,
  events: eventRow,
  consents: consentRow,
};
