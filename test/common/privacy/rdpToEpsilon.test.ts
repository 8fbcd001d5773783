import { describe, expect, it } from 'vitest';
import { rdpToEpsilon } from '../../../common/privacy/rdpToEpsilon.ts';

describe('rdpToEpsilon', () => {
  it('picks the order with the smallest ε, by ε = rdp + log((α−1)/α) − (log δ + log α)/(α−1)', () => {
    const orders = [2, 4, 8];
    const rdp = [0.5, 0.6, 3];
    const at = (a: number, r: number) => r + Math.log((a - 1) / a) - (Math.log(1e-5) + Math.log(a)) / (a - 1);
    const result = rdpToEpsilon(orders, rdp, 1e-5);
    expect(result.order).toBe(4);
    expect(result.epsilon).toBeCloseTo(at(4, 0.6), 12);
  });

  it('is tighter than the classic conversion rdp + log(1/δ)/(α−1)', () => {
    const classic = 1 + Math.log(1e5) / (10 - 1);
    expect(rdpToEpsilon([10], [1], 1e-5).epsilon).toBeLessThan(classic);
  });

  it('gives ε = 0 once δ ≥ √(1 − e^(−rdp)) and ∞ at orders too close to 1', () => {
    expect(rdpToEpsilon([2], [1e-12], 1e-5).epsilon).toBe(0);
    expect(rdpToEpsilon([1.001], [1], 1e-5).epsilon).toBe(Infinity);
  });

  it('refuses mismatched lists', () => {
    expect(() => rdpToEpsilon([2, 3], [1], 1e-5)).toThrow(/one value per order: 2 orders, 1 values/);
  });
});
