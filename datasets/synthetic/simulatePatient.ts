// The latent physiological process of one synthetic inpatient: a severity s(t) in [0, 1] that rises before an
// ICU admission (or rises and resolves, a false alarm), driving all vitals around patient-specific baselines,
// plus autocorrelated physiological noise. See datasets/README.md for the model and its parameters.
import type { HospitalProfile } from './hospitalProfile.ts';
import type { Random } from './Random.ts';

export const VITAL_KEYS = ['hr', 'rr', 'spo2', 'sbp', 'dbp', 'temp'] as const;
export type VitalKey = (typeof VITAL_KEYS)[number];
type PerVital = Record<VitalKey, number>;

/** Response of each vital to full severity (s = 1), before the patient's own responsiveness scaling. */
const EFFECT: PerVital = { hr: 19, rr: 5.4, spo2: -3.8, sbp: -15, dbp: -7, temp: 0.85 };
/** Stationary standard deviation of each vital's physiological noise (an Ornstein–Uhlenbeck process, tau 3 h). */
const NOISE: PerVital = { hr: 3.8, rr: 1.2, spo2: 0.7, sbp: 5.2, dbp: 3.5, temp: 0.2 };
const NOISE_TAU_HOURS = 3;

export interface PatientCourse {
  age: number;
  female: boolean;
  comorbidities: number;
  stayHours: number;
  /** Hours after admission of the ICU admission, if the patient deteriorates. */
  eventHours: number | undefined;
  baseline: PerVital;
  /** Per-vital scaling of the severity effect: patients do not all deteriorate alike. */
  responsiveness: PerVital;
  severity: (hours: number) => number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));

function baselineOf(random: Random, age: number, comorbidities: number): PerVital {
  return {
    hr: random.normal(76 + 2.5 * comorbidities, 18),
    rr: random.normal(15.5 + 0.5 * comorbidities, 3.9),
    spo2: Math.min(99.5, random.normal(97 - 0.7 * comorbidities, 2.2)),
    sbp: random.normal(116 + 0.35 * (age - 50) + 3 * comorbidities, 24),
    dbp: random.normal(73, 15),
    temp: random.normal(36.8, 0.5),
  };
}

/** Severity over time: a rise to 1 at the event, or a transient bump that resolves, or nothing. */
function severityCurve(random: Random, stayHours: number, eventHours: number | undefined): (hours: number) => number {
  if (eventHours !== undefined) {
    const rise = random.uniform(6, 18);
    const onset = eventHours - rise;
    const shape = random.uniform(1, 2.2);
    return (t) => (t <= onset ? 0 : clamp((t - onset) / rise, 0, 1) ** shape);
  }
  if (random.chance(0.45)) {
    const peak = random.uniform(0.3, 0.9);
    const centre = random.uniform(6, stayHours);
    const halfWidth = random.uniform(3, 9);
    return (t) => peak * Math.max(0, 1 - Math.abs(t - centre) / halfWidth);
  }
  return () => 0;
}

export function simulatePatient(random: Random, hospital: HospitalProfile): PatientCourse {
  const age = Math.round(clamp(random.normal(hospital.meanAge, 14), 18, 95));
  const comorbidities = Math.min(3, Math.floor(random.gamma(hospital.comorbidity) + 0.2));
  const stayHours = random.uniform(24, 48);
  const risk = sigmoid(-2.3 + hospital.riskShift + 0.03 * (age - 60) + 0.45 * comorbidities);
  const eventHours = random.chance(risk) ? random.uniform(14, stayHours) : undefined;
  const responsiveness = Object.fromEntries(VITAL_KEYS.map((k) => [k, random.uniform(0.3, 1.4)])) as PerVital;
  return {
    age,
    female: random.chance(0.5),
    comorbidities,
    stayHours,
    eventHours,
    baseline: baselineOf(random, age, comorbidities),
    responsiveness,
    severity: severityCurve(random, stayHours, eventHours),
  };
}

/** True vitals at `hours`, advancing the per-vital noise state `noise` by `dtHours`. */
export function trueVitals(course: PatientCourse, hours: number, dtHours: number, noise: PerVital, random: Random): PerVital {
  const s = course.severity(hours);
  const decay = Math.exp(-dtHours / NOISE_TAU_HOURS);
  const out = {} as PerVital;
  for (const k of VITAL_KEYS) {
    noise[k] = noise[k] * decay + NOISE[k] * Math.sqrt(1 - decay * decay) * random.normal();
    out[k] = course.baseline[k] + EFFECT[k] * course.responsiveness[k] * s + noise[k];
  }
  out.spo2 = Math.min(100, out.spo2);
  return out;
}

export function initialNoise(random: Random): PerVital {
  return Object.fromEntries(VITAL_KEYS.map((k) => [k, NOISE[k] * random.normal()])) as PerVital;
}
