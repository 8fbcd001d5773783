import { describe, expect, it } from 'vitest';
import { dpSgdEpsilon } from '../../../common/privacy/dpSgdEpsilon.ts';

// Reference: TF Privacy, tensorflow_privacy/privacy/analysis/compute_dp_sgd_privacy_test.py, test_compute_dp_sgd_privacy:
// compute_dp_sgd_privacy(n, batch_size, noise_multiplier, epochs, delta) with q = batch_size / n,
// steps = ceil(epochs · n / batch_size), the orders of DEFAULT_RDP_ORDERS and the Balle et al. 2020 conversion;
// the reference asserts ε with assertAlmostEqual (7 places) and the optimal order exactly.
const schedule = (n: number, batchSize: number, noiseMultiplier: number, epochs: number, delta: number) => ({
  samplingRate: batchSize / n, noiseMultiplier, steps: Math.ceil((epochs * n) / batchSize), delta,
});

describe('dpSgdEpsilon', () => {
  it('Test0: n=60000, batch 150, σ=1.3, 15 epochs, δ=1e-5 gives ε = 0.7242234026109595 at order 19', () => {
    const { epsilon, order } = dpSgdEpsilon(schedule(60000, 150, 1.3, 15, 1e-5));
    expect(epsilon).toBeCloseTo(0.7242234026109595, 7);
    expect(order).toBe(19);
  });

  it('Test1: n=100000, batch 100, σ=1.0, 30 epochs, δ=1e-7 gives ε = 1.4154988495444842 at order 13', () => {
    const { epsilon, order } = dpSgdEpsilon(schedule(100000, 100, 1.0, 30, 1e-7));
    expect(epsilon).toBeCloseTo(1.4154988495444842, 7);
    expect(order).toBe(13);
  });

  it('Test2: n=1e8, batch 1024, σ=0.1, 10 epochs, δ=1e-7 gives ε = 5907982.3113978775 at order 1.25 (fractional series)', () => {
    const { epsilon, order } = dpSgdEpsilon(schedule(100000000, 1024, 0.1, 10, 1e-7));
    // Seven significant digits here: ε is 5.9e6, so seven decimal places would ask for 1e-14 relative precision.
    expect(epsilon / 5907982.3113978775 - 1).toBeLessThan(1e-7);
    expect(order).toBe(1.25);
  });

  it('spends nothing in zero steps and more with every further step', () => {
    expect(dpSgdEpsilon({ samplingRate: 0.01, noiseMultiplier: 1, steps: 0, delta: 1e-5 }).epsilon).toBe(0);
    const few = dpSgdEpsilon({ samplingRate: 0.01, noiseMultiplier: 1, steps: 100, delta: 1e-5 }).epsilon;
    const more = dpSgdEpsilon({ samplingRate: 0.01, noiseMultiplier: 1, steps: 200, delta: 1e-5 }).epsilon;
    expect(more).toBeGreaterThan(few);
  });

  it('refuses δ outside (0, 1)', () => {
    expect(() => dpSgdEpsilon({ samplingRate: 0.01, noiseMultiplier: 1, steps: 1, delta: 0 })).toThrow(/δ must be in \(0, 1\), got 0/);
  });
});
