// One bedside prediction: a patient's vital signs to the latest window's features, scaled as the site trained,
// through the model in plain Float32, to a RiskAssessment naming the Observations it used.
import type { RiskAssessment } from 'fhir/r4.js';
import { forwardOne } from '../common/model/denseNetwork.ts';
import { latestWindow } from '../datasets/fhir/latestWindow.ts';
import { readPatientVitals, type PatientSource, type UsedObservation } from '../datasets/fhir/readPatientVitals.ts';
import type { PatientRecord } from '../datasets/fhir/PatientRecord.ts';
import { applyStandardisation } from '../datasets/fhir/standardise.ts';
import type { BedsideModel } from './openBedsideModel.ts';
import { riskAssessment } from './riskAssessment.ts';

export interface RiskPrediction {
  readonly patientId: string;
  readonly probability: number;
  /** How many vital-sign values the window held, and how many Observations they came from. */
  readonly values: number;
  readonly riskAssessment: RiskAssessment;
}

/** The Observations whose time, as the series keeps it, falls in the window (start, end]. */
function basisOf(record: PatientRecord, observations: readonly UsedObservation[], start: number, end: number): UsedObservation[] {
  const series = record.series;
  if (series === undefined) return [];
  return observations.filter((observation) => {
    const time = series.storedTime(observation.time);
    return time > start && time <= end;
  });
}

export async function predictRisk(model: BedsideModel, source: PatientSource, patientId?: string): Promise<RiskPrediction> {
  const { record, observations } = await readPatientVitals(source, model.windowing, patientId);
  const window = latestWindow(record, model.windowing);
  const row = Float32Array.from(window.features);
  applyStandardisation(row, row.length, model.standardisation);
  const probability = forwardOne(model.network, row);
  const basis = basisOf(record, observations, window.start, window.end);
  const resource = riskAssessment({ patientId: record.id, at: window.end, probability, basis, plan: model.plan, windowing: model.windowing, reference: model.reference });
  return { patientId: record.id, probability, values: window.values, riskAssessment: resource };
}
