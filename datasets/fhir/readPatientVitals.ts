// One patient's vital signs for bedside inference, read by the same readers, codes and unit rules as training, with
// the Observations that gave a value noted so a prediction can name its basis.
import type { FhirResource, Observation } from 'fhir/r4.js';
import { MedflError } from '../../common/MedflError.ts';
import type { ImportContext } from './ImportContext.ts';
import { contextSink, newImportContext, readFhirFiles } from './importFhirSite.ts';
import { referencedId, type PatientRecord } from './PatientRecord.ts';
import { readBundleValue } from './readBundle.ts';
import { featureIndex, type WindowingOptions } from './windowing.ts';

/** A patient file (Bundle JSON or NDJSON, or a folder of them), or a Bundle already parsed (an HTTP body). */
export type PatientSource = { readonly file: string } | { readonly bundle: unknown; readonly label: string };

/** An Observation that gave at least one value: its reference (or, without an id, a description) and its time. */
export interface UsedObservation {
  readonly reference?: string;
  readonly display: string;
  readonly time: number;
}

export interface PatientVitals {
  readonly record: PatientRecord;
  readonly observations: readonly UsedObservation[];
}

function effectiveTime(observation: Observation): number {
  return Date.parse(observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start ?? '');
}

/** Notes each Observation that added a value to its patient (readObservation counts those in observationsUsed). */
function usageRecorder(context: ImportContext, used: Map<string, UsedObservation[]>): (resource: FhirResource) => void {
  const counted = new Map<string, number>();
  return (resource) => {
    if (resource.resourceType !== 'Observation') return;
    const id = referencedId(resource.subject?.reference);
    const record = id === undefined ? undefined : context.patients.get(id);
    if (id === undefined || record === undefined || record.observationsUsed === (counted.get(id) ?? 0)) return;
    counted.set(id, record.observationsUsed);
    const code = resource.code?.coding?.[0]?.code ?? 'unknown code';
    const entry = { ...(resource.id ? { reference: `Observation/${resource.id}` } : {}), display: `${code} at ${resource.effectiveDateTime ?? resource.effectiveInstant ?? resource.effectivePeriod?.start}`, time: effectiveTime(resource) };
    used.set(id, [...(used.get(id) ?? []), entry]);
  };
}

/** The patient to predict for: the one named, or the only one with vital signs. */
function choosePatient(context: ImportContext, label: string, patientId: string | undefined): PatientRecord {
  const withVitals = [...context.patients.values()].filter((record) => record.observationsUsed > 0);
  const ids = withVitals.map((record) => record.id).sort();
  if (patientId !== undefined) {
    const record = withVitals.find((candidate) => candidate.id === patientId);
    if (record) return record;
    throw new MedflError('VITALS_MISSING', `${label} holds no vital sign the plan uses for patient ${patientId}${ids.length ? ` (it does for ${ids.slice(0, 5).join(', ')})` : ''}`);
  }
  if (withVitals.length === 0) throw new MedflError('VITALS_MISSING', `${label} holds no vital sign the plan uses (LOINC ${[...context.settings.featureCodes.keys()].join(', ')}) for any patient`);
  if (withVitals.length > 1) {
    throw new MedflError('PATIENT_AMBIGUOUS', `${label} holds vital signs of ${ids.length} patients (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}); name one with --patient`);
  }
  return withVitals[0] as PatientRecord;
}

/**
 * Reads the source with the plan's windowing (its codes and units; consent for research does not apply to a patient's
 * own care). VITALS_MISSING when the patient has no usable value; PATIENT_MISSING when the plan uses age and sex and
 * the Patient resource is absent, since guessing them would change the probability.
 */
export async function readPatientVitals(source: PatientSource, windowing: WindowingOptions, patientId?: string): Promise<PatientVitals> {
  const settings = { featureCodes: featureIndex(windowing.featureCodes), extraUnits: windowing.extraUnits, denyPurposes: [], outcome: windowing.outcome };
  const used = new Map<string, UsedObservation[]>();
  const context = newImportContext(settings);
  const sink = contextSink(context, usageRecorder(context, used));
  if ('file' in source) await readFhirFiles(source.file, context, sink);
  else readBundleValue(source.bundle, source.label, context.tally, sink);
  const label = 'file' in source ? source.file : source.label;
  const record = choosePatient(context, label, patientId);
  if (windowing.demographics && !record.found) {
    throw new MedflError('PATIENT_MISSING', `${label} holds vital signs of patient ${record.id} but not its Patient resource; the plan uses age and sex, so it is needed`);
  }
  return { record, observations: used.get(record.id) ?? [] };
}
