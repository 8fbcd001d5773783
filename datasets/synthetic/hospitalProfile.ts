// What makes each synthetic hospital different (non-IID): size, patient mix, outcome rate, device vendor,
// sampling interval and missingness. Drawn from the seed, so a seed names a whole consortium.
import type { Random } from './Random.ts';

/** A bedside-monitor vendor: calibration bias and noise per vital, and how it codes its Observations. */
export interface Vendor {
  name: string;
  bias: { hr: number; rr: number; spo2: number; sbp: number; dbp: number; temp: number };
  noise: { hr: number; rr: number; spo2: number; sbp: number; dbp: number; temp: number };
  heartRateUnit: string;
  spo2Code: string;
  temperatureUnit: 'Cel' | '[degF]';
  bloodPressureUnit: 'mm[Hg]' | 'kPa';
  /** One 85354-9 panel with components, or stand-alone 8480-6 / 8462-4 Observations. */
  bloodPressureAsPanel: boolean;
}

export const VENDORS: readonly Vendor[] = [
  {
    name: 'Acme VitalStation',
    bias: { hr: 0, rr: 0, spo2: 0, sbp: 0, dbp: 0, temp: 0 },
    noise: { hr: 2, rr: 1, spo2: 0.8, sbp: 4, dbp: 3, temp: 0.1 },
    heartRateUnit: '/min', spo2Code: '59408-5', temperatureUnit: 'Cel', bloodPressureUnit: 'mm[Hg]', bloodPressureAsPanel: true,
  },
  {
    name: 'Borealis CareView',
    bias: { hr: 3, rr: 1, spo2: -1.2, sbp: 6, dbp: 3, temp: 0.2 },
    noise: { hr: 4, rr: 1.5, spo2: 1.5, sbp: 7, dbp: 5, temp: 0.2 },
    heartRateUnit: '{beats}/min', spo2Code: '2708-6', temperatureUnit: '[degF]', bloodPressureUnit: 'mm[Hg]', bloodPressureAsPanel: true,
  },
  {
    name: 'Cygnus Telemetry',
    bias: { hr: -2, rr: -1, spo2: 0.8, sbp: -4, dbp: -2, temp: -0.15 },
    noise: { hr: 3, rr: 2, spo2: 1, sbp: 5, dbp: 4, temp: 0.15 },
    heartRateUnit: '/min', spo2Code: '59408-5', temperatureUnit: 'Cel', bloodPressureUnit: 'kPa', bloodPressureAsPanel: false,
  },
];

export interface HospitalProfile {
  site: string;
  patients: number;
  meanAge: number;
  /** Mean number of comorbidities (0–3) per patient. */
  comorbidity: number;
  /** Log-odds shift of deterioration: the main driver of outcome prevalence. */
  riskShift: number;
  vendor: Vendor;
  samplingMinutes: number;
  /** Probability that a scheduled measurement is missing. */
  missingRate: number;
  temperatureEveryHours: number;
  consentDenyRate: number;
}

const SAMPLING_MINUTES = [20, 30, 45, 60];

/** Sizes vary about fourfold: factors in [0.4, 1.6], rescaled so the mean hospital has `patients` patients. */
function sizes(random: Random, hospitals: number, patients: number): number[] {
  const factors = Array.from({ length: hospitals }, () => random.uniform(0.4, 1.6));
  const mean = factors.reduce((sum, f) => sum + f, 0) / hospitals;
  return factors.map((f) => Math.max(10, Math.round((patients * f) / mean)));
}

export function drawHospitalProfiles(random: Random, hospitals: number, patients: number): HospitalProfile[] {
  const counts = sizes(random, hospitals, patients);
  // Vendors rotate, so any three neighbouring hospitals use three different device makes.
  const vendorOffset = random.int(VENDORS.length);
  return counts.map((count, i) => ({
    site: `hospital-${i + 1}`,
    patients: count,
    meanAge: Math.round(random.uniform(48, 72)),
    comorbidity: round2(random.uniform(0.3, 1.5)),
    riskShift: round2(random.uniform(-0.8, 0.8)),
    vendor: VENDORS[(i + vendorOffset) % VENDORS.length] as Vendor,
    samplingMinutes: SAMPLING_MINUTES[random.int(SAMPLING_MINUTES.length)] as number,
    missingRate: round2(random.uniform(0.02, 0.25)),
    temperatureEveryHours: 2 + random.int(5),
    consentDenyRate: round2(random.uniform(0.02, 0.08)),
  }));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
