// Writes FHIR resources as an HL7 v2.5.1 ORU^R01 feed, as a bedside-monitor interface would send it: one message per
// patient and reading time (all vitals charted at one instant together), PID with the patient's demographics, and
// the outcome event as an OBX coded with its own coding system. Segments end with CR, as the standard says.
import type { Encounter, Observation, Patient } from 'fhir/r4.js';
import { referencedId } from '../fhir/PatientRecord.ts';
import { encounterEvents, feedValues, observationTime } from './feedValues.ts';
import { hl7Timestamp } from './feedTime.ts';
import { LineWriter } from '../LineWriter.ts';
import { HL7_SYSTEM_NAMES } from './readOruMessage.ts';

/** Observation.status → OBX-11 (the reverse of the reader's mapping). */
const RESULT_STATUS: Readonly<Record<string, string>> = {
  final: 'F', amended: 'C', corrected: 'C', preliminary: 'P', registered: 'I', cancelled: 'X', 'entered-in-error': 'W', unknown: 'U',
};
const SEX: Readonly<Record<string, string>> = { female: 'F', male: 'M', other: 'O', unknown: 'U' };

interface Pending {
  patient: string;
  time: string;
  obx: string[];
}

// FHIR ids cannot hold HL7 delimiters (| ^ ~ \ &), so the ids written here need no escaping.
export class Hl7FeedWriter {
  private readonly writer: LineWriter;
  private readonly pid = new Map<string, string>();
  private pending: Pending | undefined;
  messages = 0;
  observations = 0;
  events = 0;

  constructor(path: string, private readonly facility: string) {
    this.writer = new LineWriter(path, '\r');
  }

  /** Remembers the patient's PID segment; call for every Patient before any Observation. */
  patient(patient: Patient): void {
    if (patient.id === undefined) return;
    const birth = (patient.birthDate ?? '').replaceAll('-', '');
    this.pid.set(patient.id, `PID|1||${patient.id}^^^${this.facility}^MR||||${birth}|${SEX[patient.gender ?? ''] ?? ''}`);
  }

  observation(observation: Observation): void {
    const patient = referencedId(observation.subject?.reference);
    const time = observationTime(observation);
    if (patient === undefined || time === undefined) return;
    if (this.pending?.patient !== patient || this.pending.time !== time) this.flush();
    this.pending ??= { patient, time, obx: [] };
    const status = RESULT_STATUS[observation.status] ?? 'F';
    for (const { code, value, unit } of feedValues(observation)) {
      this.pending.obx.push(`NM|${code}^^LN||${value}|${unit}^^UCUM|||||${status}|||${hl7Timestamp(time)}`);
      this.observations += 1;
    }
  }

  encounter(encounter: Encounter): void {
    const patient = referencedId(encounter.subject?.reference);
    if (patient === undefined) return;
    for (const { system, code, time } of encounterEvents(encounter)) {
      this.flush();
      this.message(patient, time, [`CWE|${code}^^${HL7_SYSTEM_NAMES[system] ?? system}||Y|||||F|||${hl7Timestamp(time)}`]);
      this.events += 1;
    }
  }

  private flush(): void {
    if (this.pending !== undefined) this.message(this.pending.patient, this.pending.time, this.pending.obx);
    this.pending = undefined;
  }

  private message(patient: string, time: string, obx: string[]): void {
    const stamp = hl7Timestamp(time);
    this.messages += 1;
    this.writer.write(`MSH|^~\\&|MEDFL|${this.facility}|MEDFL|${this.facility}|${stamp}||ORU^R01^ORU_R01|${this.messages}|P|2.5.1`);
    this.writer.write(this.pid.get(patient) ?? `PID|1||${patient}^^^${this.facility}^MR`);
    this.writer.write(`OBR|1|||85353-1^Vital signs panel^LN|||${stamp}`);
    obx.forEach((fields, i) => this.writer.write(`OBX|${i + 1}|${fields}`));
  }

  close(): void {
    this.flush();
    this.writer.close();
  }
}
