import { describe, expect, it } from 'vitest';
import { chooseCkksParameters, valueHeadroom } from '../../../common/he/ckksParameters.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { addDpNoise, clipToNorm, l2Norm, modelDelta } from '../../../participant/node/prepareUpdate.ts';

describe('prepareUpdate', () => {
  it('forms the delta local − global in Float32', () => {
    expect(Array.from(modelDelta(new Float32Array([1.5, 2]), new Float32Array([1, 3])))).toEqual([0.5, -1]);
    expect(() => modelDelta(new Float32Array(2), new Float32Array(3))).toThrow('local model has 2 weights, the global model 3');
  });

  it('clips to the plan\'s L2 bound only when the update is longer', () => {
    const long = clipToNorm(new Float32Array([3, 4]), 1);
    expect(long.norm).toBe(5);
    expect(l2Norm(long.clipped)).toBeCloseTo(1, 6);
    expect(Array.from(long.clipped)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    const short = new Float32Array([0.3, 0.4]);
    expect(clipToNorm(short, 1).clipped).toBe(short);
  });

  it('adds Gaussian noise of standard deviation multiplier × clipNorm, and none at multiplier 0', () => {
    const zero = new Float32Array(20_000);
    expect(addDpNoise(zero, 0, 1)).toBe(zero);
    const noisy = addDpNoise(zero, 0.5, 2);
    const mean = noisy.reduce((s, v) => s + v, 0) / noisy.length;
    const sd = Math.sqrt(noisy.reduce((s, v) => s + (v - mean) ** 2, 0) / noisy.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(0.95);
    expect(sd).toBeLessThan(1.05);
  });

  it('keeps noisy updates inside the codec\'s room, so CKKS encrypts them at multiplier 1 and 2', async () => {
    for (const multiplier of [1, 2]) {
      const params = chooseCkksParameters({ parameterCount: 10_000, maxSites: 4, clipNorm: 5, maxExamples: 1_000, dpNoiseMultiplier: multiplier });
      const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
      try {
        for (let trial = 0; trial < 20; trial += 1) {
          const { clipped } = clipToNorm(new Float32Array(10_000).fill(1), 5);
          const noisy = addDpNoise(clipped, multiplier, 5);
          expect(Math.max(...noisy.map(Math.abs))).toBeLessThanOrEqual(Math.fround(5 * valueHeadroom(multiplier)));
          expect(() => [...codec.encryptUpdate(noisy, 100)]).not.toThrow();
        }
      } finally {
        codec.dispose();
      }
    }
  });
});
