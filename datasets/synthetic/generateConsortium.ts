// Writes a synthetic IoMT consortium: one Bulk-Data NDJSON folder per hospital (Patient, Device, Encounter,
// Consent, Observation) and manifest.json. Same options, same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { writeStagedFolderSync } from '../../common/stagedFolder.ts';
import { consentResource, deviceResource, encounterResource, patientResource } from './fhirResources.ts';
import { drawHospitalProfiles, type HospitalProfile } from './hospitalProfile.ts';
import { MANIFEST_FILE, MANIFEST_FORMAT, type ConsortiumManifest, type HospitalEntry } from './manifest.ts';
import { measurePatient } from './measurePatient.ts';
import { NdjsonWriter } from './NdjsonWriter.ts';
import { Random } from './Random.ts';
import { simulatePatient } from './simulatePatient.ts';

export interface GenerateOptions {
  out: string;
  hospitals: number;
  /** Mean patients per hospital; sizes vary about fourfold around it. */
  patients: number;
  seed: number;
}

export const DEFAULT_GENERATE = { hospitals: 4, patients: 200, seed: 7 } as const;

/** Admissions spread over 60 days from this instant (a fixed date keeps the bytes stable). */
const EPOCH = Date.UTC(2026, 0, 5);
const HOUR_MS = 3_600_000;
const MONITORS_PER_HOSPITAL = 12;
const FILES = ['Patient', 'Device', 'Encounter', 'Consent', 'Observation'] as const;

function writeHospital(dir: string, hospital: HospitalProfile, random: Random): HospitalEntry {
  mkdirSync(dir, { recursive: true });
  const writers = Object.fromEntries(FILES.map((type) => [type, new NdjsonWriter(join(dir, `${type}.ndjson`))])) as Record<(typeof FILES)[number], NdjsonWriter>;
  const prefix = hospital.site.replace('hospital-', 'h');
  for (let d = 1; d <= MONITORS_PER_HOSPITAL; d++) writers.Device.write(deviceResource(`${prefix}-dev${d}`, hospital.vendor.name, 1000 * d + d));
  let observationId = 0;
  let deteriorating = 0;
  let consentDenied = 0;
  for (let p = 1; p <= hospital.patients; p++) {
    const patientId = `${prefix}-p${p}`;
    const course = simulatePatient(random, hospital);
    const admission = EPOCH + Math.round(random.uniform(0, 60 * 24)) * HOUR_MS;
    const deny = random.chance(hospital.consentDenyRate);
    const end = admission + Math.round((course.eventHours ?? course.stayHours) * 60) * 60_000;
    writers.Patient.write(patientResource(patientId, course.female, new Date(admission).getUTCFullYear() - course.age));
    writers.Consent.write(consentResource(`${patientId}-consent`, patientId, admission, deny));
    writers.Encounter.write(encounterResource(`${patientId}-ward`, patientId, admission, end, false));
    if (course.eventHours !== undefined) writers.Encounter.write(encounterResource(`${patientId}-icu`, patientId, end, end + 48 * HOUR_MS, true));
    measurePatient(course, hospital, random, {
      patientId,
      deviceId: `${prefix}-dev${1 + random.int(MONITORS_PER_HOSPITAL)}`,
      admission,
      nextObservationId: () => `${prefix}-o${++observationId}`,
      emit: (observation) => writers.Observation.write(observation),
    });
    deteriorating += course.eventHours === undefined ? 0 : 1;
    consentDenied += deny ? 1 : 0;
  }
  for (const writer of Object.values(writers)) writer.close();
  const { vendor, ...profile } = hospital;
  return { site: hospital.site, folder: hospital.site, patients: hospital.patients, observations: writers.Observation.count, deteriorating, consentDenied, profile: { ...profile, vendor: vendor.name } };
}

function checkOptions(options: GenerateOptions): void {
  const bad = (name: string, value: number, max: number) => !Number.isInteger(value) || value < 1 || value > max ? `${name} must be an integer in 1..${max} (got ${value})` : undefined;
  const problem = bad('hospitals', options.hospitals, 64) ?? bad('patients', options.patients, 1_000_000) ?? (Number.isInteger(options.seed) ? undefined : `seed must be an integer (got ${options.seed})`);
  if (problem) throw new MedflError('USAGE', problem);
}

/**
 * Generates the consortium into `options.out` (a new or empty folder) and returns its manifest. Written staged: a
 * consortium of fewer hospitals over an older one would otherwise leave the old extra hospitals beside the manifest.
 */
export function generateConsortium(options: GenerateOptions): ConsortiumManifest {
  checkOptions(options);
  return writeStagedFolderSync(options.out, '--out', (staging) => {
    const random = new Random(options.seed);
    const profiles = drawHospitalProfiles(random, options.hospitals, options.patients);
    const hospitals = profiles.map((hospital, i) => writeHospital(join(staging, hospital.site), hospital, random.fork(i)));
    const manifest: ConsortiumManifest = { format: MANIFEST_FORMAT, version: 1, seed: options.seed, hospitals };
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  });
}
