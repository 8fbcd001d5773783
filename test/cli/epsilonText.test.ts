import { describe, expect, it } from 'vitest';
import { epsilonText } from '../../cli/epsilonText.ts';

describe('epsilonText', () => {
  it('prints ε to the millionth its leaf holds, 0 as 0', () => {
    expect(epsilonText(1_234_567, undefined)).toBe('1.234567');
    expect(epsilonText(1, undefined)).toBe('0.000001');
    expect(epsilonText(0, undefined)).toBe('0');
  });

  it('names the plan\'s δ, or that the plan has no DP-SGD', () => {
    expect(epsilonText(2_500_000, { dpSgd: true, delta: 1e-5 })).toBe('2.500000 at δ=0.00001');
    expect(epsilonText(2_500_000, { dpSgd: true })).toBe('2.500000');
    expect(epsilonText(0, { dpSgd: false })).toBe('0 (no DP-SGD)');
  });
});
