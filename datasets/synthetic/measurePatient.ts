// Charts one simulated stay as a bedside monitor of the hospital's vendor would: scheduled readings with jitter,
// missed readings, vendor bias and noise, the vendor's codes and units. Readings stop at the ICU admission.
import type { Observation } from 'fhir/r4.js';
import { component, isoTime, observationResource, quantity, type ObservationRefs } from './fhirResources.ts';
import type { HospitalProfile, Vendor } from './hospitalProfile.ts';
import type { Random } from './Random.ts';
import { initialNoise, trueVitals, type PatientCourse } from './simulatePatient.ts';

const MMHG_PER_KPA = 7.500617;

export interface ChartTarget {
  patientId: string;
  deviceId: string;
  admission: number;
  nextObservationId: () => string;
  emit: (observation: Observation) => void;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function bloodPressure(vendor: Vendor, sbp: number, dbp: number, refs: (code: string) => ObservationRefs): Observation[] {
  const kpa = vendor.bloodPressureUnit === 'kPa';
  const value = (mmHg: number) => quantity(kpa ? round(mmHg / MMHG_PER_KPA, 1) : Math.round(mmHg), vendor.bloodPressureUnit);
  if (vendor.bloodPressureAsPanel) {
    return [observationResource(refs('85354-9'), '85354-9', [component('8480-6', value(sbp)), component('8462-4', value(dbp))])];
  }
  return [observationResource(refs('8480-6'), '8480-6', value(sbp)), observationResource(refs('8462-4'), '8462-4', value(dbp))];
}

function temperature(vendor: Vendor, celsius: number, refs: ObservationRefs): Observation {
  const value = vendor.temperatureUnit === '[degF]' ? round((celsius * 9) / 5 + 32, 1) : round(celsius, 1);
  return observationResource(refs, '8310-5', quantity(value, vendor.temperatureUnit));
}

export function measurePatient(course: PatientCourse, hospital: HospitalProfile, random: Random, target: ChartTarget): number {
  const { vendor } = hospital;
  const end = course.eventHours ?? course.stayHours;
  const noise = initialNoise(random);
  const measured = (key: keyof Vendor['bias'], value: number) => value + vendor.bias[key] + random.normal(0, vendor.noise[key]);
  const present = () => !random.chance(hospital.missingRate);
  let count = 0;
  let nextTemperature = 0;
  let previous = 0;
  for (let hours = random.uniform(0, 0.5); hours < end; hours += (hospital.samplingMinutes / 60) * random.uniform(0.8, 1.2)) {
    const vitals = trueVitals(course, hours, hours - previous, noise, random);
    previous = hours;
    const time = isoTime(target.admission + Math.round(hours * 60) * 60_000);
    const refs = (): ObservationRefs => ({ id: target.nextObservationId(), patientId: target.patientId, deviceId: target.deviceId, time });
    const out: Observation[] = [];
    if (present()) out.push(observationResource(refs(), '8867-4', quantity(Math.round(measured('hr', vitals.hr)), vendor.heartRateUnit)));
    if (present()) out.push(observationResource(refs(), '9279-1', quantity(Math.max(4, Math.round(measured('rr', vitals.rr))), '/min')));
    if (present()) out.push(observationResource(refs(), vendor.spo2Code, quantity(Math.min(100, Math.round(measured('spo2', vitals.spo2))), '%')));
    if (present()) out.push(...bloodPressure(vendor, measured('sbp', vitals.sbp), measured('dbp', vitals.dbp), refs));
    if (hours >= nextTemperature) {
      nextTemperature = hours + hospital.temperatureEveryHours;
      if (present()) out.push(temperature(vendor, measured('temp', vitals.temp), refs()));
    }
    for (const observation of out) target.emit(observation);
    count += out.length;
  }
  return count;
}
