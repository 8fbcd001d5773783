import { describe, expect, it } from 'vitest';
import { secureGaussian, secureUniform } from '../../../participant/training/secureRandom.ts';

describe('secureRandom', () => {
  it('draws standard normals: mean 0, sd 1, an odd count filled', () => {
    const draws = secureGaussian(100_001);
    expect(draws).toHaveLength(100_001);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length);
    // 10⁵ draws: the mean within 0.02 and the sd within 1.5% of 1 but for far less than 1 in 10⁶.
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.015);
    expect(draws[100_000]).not.toBe(0);
  });

  it('is not reproducible: two calls differ', () => {
    expect([...secureGaussian(8)]).not.toEqual([...secureGaussian(8)]);
    expect(secureUniform()).not.toBe(secureUniform());
  });

  it('draws uniforms in [0, 1) with mean ½', () => {
    const draws = Array.from({ length: 20_000 }, secureUniform);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.abs(draws.reduce((a, b) => a + b, 0) / draws.length - 0.5)).toBeLessThan(0.01);
  });
});
