import { describe, expect, it } from 'vitest';
import { calibrateNoiseMultiplier } from '../../../common/privacy/calibrateNoise.ts';
import { dpSgdEpsilon } from '../../../common/privacy/dpSgdEpsilon.ts';

// The reference pairs of TF Privacy's compute_dp_sgd_privacy_test.py, read backwards: the σ that gives their ε.
// (compute_noise_from_budget_test.py pins σ for ε from the older classic conversion, which we do not use.)
describe('calibrateNoiseMultiplier', () => {
  it('finds σ = 1.3 for ε = 0.7242234026109595 (n=60000, batch 150, 15 epochs, δ=1e-5)', () => {
    const sigma = calibrateNoiseMultiplier({ samplingRate: 150 / 60000, steps: 6000, delta: 1e-5, targetEpsilon: 0.7242234026109595 });
    expect(sigma).toBeCloseTo(1.3, 7);
  });

  it('finds σ = 1.0 for ε = 1.4154988495444842 (n=100000, batch 100, 30 epochs, δ=1e-7)', () => {
    const sigma = calibrateNoiseMultiplier({ samplingRate: 100 / 100000, steps: 30000, delta: 1e-7, targetEpsilon: 1.4154988495444842 });
    expect(sigma).toBeCloseTo(1.0, 7);
  });

  it('returns a σ that meets the target, and a slightly smaller one that does not', () => {
    const schedule = { samplingRate: 4 / 200, steps: 500, delta: 1e-5 };
    const sigma = calibrateNoiseMultiplier({ ...schedule, targetEpsilon: 2 });
    expect(dpSgdEpsilon({ ...schedule, noiseMultiplier: sigma }).epsilon).toBeLessThanOrEqual(2);
    expect(dpSgdEpsilon({ ...schedule, noiseMultiplier: sigma * 0.999 }).epsilon).toBeGreaterThan(2);
  });

  it('refuses a target ε that is not positive', () => {
    expect(() => calibrateNoiseMultiplier({ samplingRate: 0.1, steps: 1, delta: 1e-5, targetEpsilon: 0 })).toThrow(/target ε must be a positive number, got 0/);
  });
});
