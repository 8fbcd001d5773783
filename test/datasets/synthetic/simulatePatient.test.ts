import { describe, expect, it } from 'vitest';
import { VENDORS, type HospitalProfile } from '../../../datasets/synthetic/hospitalProfile.ts';
import { Random } from '../../../datasets/synthetic/Random.ts';
import { initialNoise, simulatePatient, trueVitals } from '../../../datasets/synthetic/simulatePatient.ts';

const hospital: HospitalProfile = {
  site: 'h', patients: 0, meanAge: 60, comorbidity: 1, riskShift: 0, vendor: VENDORS[0] as (typeof VENDORS)[number],
  samplingMinutes: 30, missingRate: 0, temperatureEveryHours: 4, consentDenyRate: 0,
};

describe('simulatePatient', () => {
  const random = new Random(5);
  const courses = Array.from({ length: 2000 }, () => simulatePatient(random, hospital));
  const deteriorating = courses.filter((c) => c.eventHours !== undefined);

  it('makes deterioration uncommon but not rare, and more likely with comorbidities', () => {
    const share = deteriorating.length / courses.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.4);
    const rate = (k: number) => courses.filter((c) => c.comorbidities === k).filter((c) => c.eventHours !== undefined).length / courses.filter((c) => c.comorbidities === k).length;
    expect(rate(2)).toBeGreaterThan(rate(0));
  });

  it('raises severity to 1 at the ICU admission from 0 at least 6 hours before', () => {
    for (const course of deteriorating.slice(0, 50)) {
      const event = course.eventHours ?? 0;
      expect(course.severity(event)).toBeCloseTo(1, 6);
      expect(course.severity(event - 18.01)).toBe(0);
      expect(course.severity(event - 2)).toBeGreaterThan(course.severity(event - 6));
    }
  });

  it('moves heart rate up and blood pressure down as a patient deteriorates, on average over patients', () => {
    const noise = initialNoise(random);
    const change = deteriorating.map((course) => {
      const before = trueVitals(course, 0, 1, noise, random);
      const at = trueVitals(course, course.eventHours ?? 0, 1, noise, random);
      return { hr: at.hr - before.hr, sbp: at.sbp - before.sbp };
    });
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(change.map((c) => c.hr))).toBeGreaterThan(10);
    expect(mean(change.map((c) => c.sbp))).toBeLessThan(-8);
  });
});
