import { describe, expect, it } from 'vitest';
import { assertCkksParameters, chooseCkksParameters, MAX_BITS_128, NOISE_PER_UPDATE, VALUE_HEADROOM } from '../../../common/he/ckksParameters.ts';

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
});
