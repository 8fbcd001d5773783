import { describe, expect, it } from 'vitest';
import { assertCkksParameters, chooseCkksParameters, defaultSmudgingSigma, MAX_BITS_128, NOISE_PER_UPDATE, SMUDGE_SIGMAS, VALUE_HEADROOM } from '../../../common/he/ckksParameters.ts';

const plan = { parameterCount: 100_000, maxSites: 10, clipNorm: 1, maxExamples: 10_000 };

describe('chooseCkksParameters', () => {
  it('picks a 128-bit-secure single prime wide enough for the largest sum and a scale meeting the error bound', () => {
    const p = chooseCkksParameters(plan);
    expect(p.primeBits).toBeLessThanOrEqual(MAX_BITS_128[p.polyModulusDegree] ?? 0);
    expect(p.maxAbsSum).toBe(10 * 10_000 * VALUE_HEADROOM);
    expect(2 ** (p.primeBits - 2)).toBeGreaterThan(p.maxAbsSum * 2 ** p.scaleBits);
    expect((NOISE_PER_UPDATE * plan.maxSites) / 2 ** p.scaleBits).toBeLessThanOrEqual(1e-6);
    expect(p.chunkCount).toBe(Math.ceil(plan.parameterCount / p.polyModulusDegree));
  });

  it('gives the same codecId for the same plan and a different one when anything changes', () => {
    expect(chooseCkksParameters(plan).codecId).toBe(chooseCkksParameters({ ...plan }).codecId);
    expect(chooseCkksParameters(plan).codecId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(chooseCkksParameters({ ...plan, errorBound: 1e-5 }).codecId).not.toBe(chooseCkksParameters(plan).codecId);
  });

  it('refuses plans no single prime can hold, and bad inputs, with CODEC_PARAMETERS', () => {
    expect(() => chooseCkksParameters({ ...plan, maxExamples: 1e9, errorBound: 1e-9 })).toThrow(/needs a \d+-bit prime \(at most 60\)/);
    expect(() => chooseCkksParameters({ ...plan, maxSites: 0 })).toThrow('maxSites must be a positive integer, got 0');
    expect(() => chooseCkksParameters({ ...plan, clipNorm: Number.NaN })).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
  });

  it('detects edited parameters by their codecId', () => {
    const p = chooseCkksParameters(plan);
    expect(() => assertCkksParameters({ ...p, scaleBits: p.scaleBits + 1 })).toThrow(expect.objectContaining({ code: 'CODEC_MISMATCH' }));
  });

  it('pins the codecId of a plan without threshold (threshold CKKS left it alone; DP-SGD changed it once by dropping dpNoiseMultiplier)', () => {
    expect(chooseCkksParameters(plan).codecId).toBe('0x647f96a8d767df5879f19e7bdd13ddc64059a3b41b87eda850cff3015c85a389');
    expect(chooseCkksParameters(plan)).not.toHaveProperty('threshold');
    expect(chooseCkksParameters(plan).encryption).toBe('symmetric-seeded');
  });

  it('with a threshold, names threshold-crs encryption, a new codecId, and scale bits for t clamped smudging noises', () => {
    const single = chooseCkksParameters(plan);
    const p = chooseCkksParameters({ ...plan, threshold: 6 });
    expect(p).toMatchObject({ encryption: 'threshold-crs', threshold: 6, smudgingSigma: defaultSmudgingSigma(6) });
    expect(p.codecId).not.toBe(single.codecId);
    expect(chooseCkksParameters({ ...plan, threshold: 7 }).codecId).not.toBe(p.codecId);
    const noise = NOISE_PER_UPDATE * plan.maxSites + 6 * SMUDGE_SIGMAS * defaultSmudgingSigma(6);
    expect(noise / 2 ** p.scaleBits).toBeLessThanOrEqual(1e-6);
    expect(p.scaleBits).toBeGreaterThan(single.scaleBits);
    expect(p.primeBits).toBeGreaterThan(single.primeBits);
    expect(2 ** (p.primeBits - 2)).toBeGreaterThan(p.maxAbsSum * 2 ** p.scaleBits);
  });

  it('refuses a threshold outside 1..maxSites, and smudgingSigma without a threshold, with CODEC_PARAMETERS', () => {
    expect(() => chooseCkksParameters({ ...plan, threshold: 0 })).toThrow('threshold must be an integer in 1..10 (maxSites), got 0');
    expect(() => chooseCkksParameters({ ...plan, threshold: 11 })).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
    expect(() => chooseCkksParameters({ ...plan, threshold: 2.5 })).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
    expect(() => chooseCkksParameters({ ...plan, smudgingSigma: 16 })).toThrow('smudgingSigma applies to threshold decryption only; set threshold too');
  });
});
