// Takes one HL7 v2 ORU^R01 message into a site import as the FHIR resources it stands for: PID gives the patient
// (PID-3 id, PID-7 birth date, PID-8 sex), each OBX coded in LOINC an Observation (OBX-5 value, OBX-6 UCUM unit,
// OBX-14 or else OBR-7 time), and an OBX coded with the plan's outcome (e.g. SNOMED CT 305351004) the outcome event.
import type { Hl7Message, Hl7Segment } from '@medplum/core';
import type { Encounter, Observation } from 'fhir/r4.js';
import { patientFor, type ImportContext } from '../fhir/ImportContext.ts';
import { bump } from '../fhir/ImportTally.ts';
import { LOINC_SYSTEM } from '../fhir/loincVitals.ts';
import type { ResourceSink } from '../fhir/readNdjson.ts';
import { hl7Date, hl7DateTime } from './feedTime.ts';
import { isLoincCode } from './isLoincCode.ts';

/** HL7 table 0396 names of the coding systems a FHIR coding may use. */
export const HL7_SYSTEM_NAMES: Readonly<Record<string, string>> = { 'http://snomed.info/sct': 'SCT', [LOINC_SYSTEM]: 'LN' };

/** OBX-11 result status → Observation.status (HL7's v2-to-FHIR mapping); blank is final. */
const RESULT_STATUS: Readonly<Record<string, Observation['status']>> = {
  C: 'corrected', D: 'entered-in-error', W: 'entered-in-error', X: 'cancelled', I: 'registered', O: 'registered', P: 'preliminary', R: 'preliminary', S: 'preliminary',
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Where a message is in its file: the file's label and the line of each of its segments. */
export interface MessagePlace {
  readonly file: string;
  readonly lines: readonly number[];
}

interface Coding {
  code: string;
  system: string;
}

/** OBX-3's identifier and its alternate identifier (components 1/3 and 4/6). */
function codings(obx: Hl7Segment): Coding[] {
  return [
    { code: obx.getComponent(3, 1), system: obx.getComponent(3, 3) },
    { code: obx.getComponent(3, 4), system: obx.getComponent(3, 6) },
  ].filter((coding) => coding.code !== '');
}

function isOutcome(coding: Coding, context: ImportContext): boolean {
  const outcome = context.settings.outcome;
  return coding.code === outcome.code && (coding.system === outcome.system || coding.system === HL7_SYSTEM_NAMES[outcome.system]);
}

/** The patient of the message (marked found, with PID-7/PID-8), or undefined when PID-3 is missing. */
function readPid(message: Hl7Message, context: ImportContext, place: MessagePlace): string | undefined {
  const index = message.segments.findIndex((segment) => segment.name === 'PID');
  const pid = message.segments[index];
  const id = pid?.getComponent(3, 1) ?? '';
  const line = place.lines[index] ?? place.lines[0] ?? 0;
  if (id === '') {
    context.tally.issue(place.file, line, 'HL7_MALFORMED', pid === undefined ? 'ORU^R01 message has no PID segment' : 'PID-3 (patient id) is empty');
    return undefined;
  }
  const record = patientFor(context, id, place.file, line);
  record.found = true;
  const birthText = pid?.getComponent(7, 1) ?? '';
  const birthDate = hl7Date(birthText);
  if (birthDate !== undefined) record.birthTime = Date.parse(birthDate);
  else if (birthText !== '') context.tally.issue(place.file, line, 'HL7_MALFORMED', `PID-7 birth date "${birthText}" is not an HL7 date (YYYYMMDD)`);
  const sex = pid?.getComponent(8, 1) ?? '';
  if (sex !== '') record.female = sex === 'F';
  return id;
}

/** One OBX as an Observation or outcome event; anything it lacks is reported at its own line (and nothing returned). */
function readObx(obx: Hl7Segment, patient: string, obrTime: string, context: ImportContext, file: string, line: number): Observation | Encounter | undefined {
  const issue = (message: string): undefined => void context.tally.issue(file, line, 'HL7_MALFORMED', message);
  const timeText = obx.getComponent(14, 1) || obrTime;
  const time = hl7DateTime(timeText);
  const all = codings(obx);
  if (all.some((coding) => isOutcome(coding, context))) {
    if (time === undefined) return issue(`outcome OBX has no valid time in OBX-14 or OBR-7 ("${timeText}")`);
    const { system, code } = context.settings.outcome;
    const encounter = { resourceType: 'Encounter' as const, status: 'finished' as const, class: { code: 'IMP' }, type: [{ coding: [{ system, code }] }], subject: { reference: `Patient/${patient}` }, period: { start: time } };
    return encounter;
  }
  const loinc = all.find((coding) => coding.system === 'LN');
  // A numeric result without a LOINC code is a mapping gap worth reporting; a coded finding (an event, a diagnosis)
  // that is not the outcome is simply not read, as a FHIR Observation with another code is not.
  if (loinc === undefined && obx.getComponent(2, 1) !== 'NM') return undefined;
  if (loinc === undefined) return issue(`numeric OBX-3 "${obx.getField(3)?.toString() ?? ''}" has no LOINC code (coding system LN)`);
  if (!isLoincCode(loinc.code)) return issue(`OBX-3 code "${loinc.code}" is not a LOINC code (digits, hyphen, check digit)`);
  const valueText = obx.getComponent(5, 1).trim();
  const numeric = NUMBER.test(valueText);
  // Only a value typed NM must be a number; a LOINC-coded text or coded result is read (and, as in FHIR, has no value).
  if (!numeric && obx.getComponent(2, 1) === 'NM') return issue(`OBX-5 value "${valueText}" of ${loinc.code} is not a number`);
  if (time === undefined) return issue(`OBX for ${loinc.code} has no valid time in OBX-14 or OBR-7 ("${timeText}")`);
  const observation: Observation = {
    resourceType: 'Observation',
    status: RESULT_STATUS[obx.getComponent(11, 1)] ?? 'final',
    code: { coding: [{ system: LOINC_SYSTEM, code: loinc.code }] },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: time,
    ...(numeric ? { valueQuantity: { value: Number(valueText), code: obx.getComponent(6, 1) } } : {}),
  };
  return observation;
}

/** Hands an ORU^R01 message's observations and outcome events to `sink`; the caller has checked MSH-9. */
export function readOruMessage(message: Hl7Message, context: ImportContext, place: MessagePlace, sink: ResourceSink): void {
  bump(context.tally.resources, 'ORU^R01');
  const patient = readPid(message, context, place);
  if (patient === undefined) return;
  let obrTime = '';
  message.segments.forEach((segment, index) => {
    if (segment.name === 'OBR') obrTime = segment.getComponent(7, 1);
    if (segment.name !== 'OBX') return;
    const line = place.lines[index] ?? 0;
    const resource = readObx(segment, patient, obrTime, context, place.file, line);
    if (resource) sink(resource, place.file, line);
  });
}
