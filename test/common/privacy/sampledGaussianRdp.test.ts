import { describe, expect, it } from 'vitest';
import { DEFAULT_RDP_ORDERS, sampledGaussianRdp } from '../../../common/privacy/sampledGaussianRdp.ts';

// Reference: TF Privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py (test_compute_rdp_*), values
// composed over `steps` as compute_rdp(q, noise_multiplier, steps, orders) does (steps × one-step RDP).
describe('sampledGaussianRdp', () => {
  it('matches compute_rdp(q=0.1, σ=2, steps=10, order=5) = 0.07737 (5 places)', () => {
    expect(10 * sampledGaussianRdp(0.1, 2, 5)).toBeCloseTo(0.07737, 5);
  });

  it('matches compute_rdp(q=0.01, σ=2.5, steps=50) at fractional and integer orders (to 1e-5, as the reference)', () => {
    const orders = [1.5, 2.5, 5, 50, 100];
    const expected = [0.00065, 0.001085, 0.00218075, 0.023846, 167.416307];
    orders.forEach((order, i) => expect(Math.abs(50 * sampledGaussianRdp(0.01, 2.5, order) - (expected[i] ?? 0))).toBeLessThan(1e-5));
  });

  it('is 0 without sampling and α/(2σ²) with q = 1 (compute_rdp(0, 10, 1, 20) = 0, compute_rdp(1, 10, 1, 20) = 0.1)', () => {
    expect(sampledGaussianRdp(0, 10, 20)).toBe(0);
    expect(sampledGaussianRdp(1, 10, 20)).toBeCloseTo(0.1, 15);
  });

  it('agrees across the integer/fractional boundary: the fractional series at α ± 1e-9 brackets the binomial sum', () => {
    for (const alpha of [2, 7, 32]) {
      const integer = sampledGaussianRdp(0.02, 1.1, alpha);
      expect(sampledGaussianRdp(0.02, 1.1, alpha + 1e-9)).toBeCloseTo(integer, 8);
      expect(sampledGaussianRdp(0.02, 1.1, alpha - 1e-9)).toBeCloseTo(integer, 8);
    }
  });

  it('grows with the order and is infinite without noise', () => {
    const values = DEFAULT_RDP_ORDERS.map((order) => sampledGaussianRdp(0.01, 1, order));
    values.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(values[i] ?? 0));
    expect(sampledGaussianRdp(0.01, 0, 2)).toBe(Infinity);
  });

  it('refuses a sampling rate outside [0, 1] and an order ≤ 1', () => {
    expect(() => sampledGaussianRdp(1.5, 1, 2)).toThrow(/sampling rate must be in \[0, 1\], got 1.5/);
    expect(() => sampledGaussianRdp(0.1, 1, 1)).toThrow(/order must exceed 1/);
  });
});
