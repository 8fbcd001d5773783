import { describe, expect, it } from 'vitest';
import { chooseCkksParameters, valueHeadroom } from '../../../common/he/ckksParameters.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { addDpNoise, dpNoiseTransform } from '../../../participant/update/addDpNoise.ts';
import { clipToNorm } from '../../../participant/update/clipToNorm.ts';

/** Mean and standard deviation of `values`. */
function moments(values: Float32Array): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) };
}

describe('addDpNoise', () => {
  it('adds Gaussian noise of standard deviation multiplier × clipNorm, and none at multiplier 0', () => {
    const zero = new Float32Array(20_000);
    expect(addDpNoise(zero, 0, 1)).toBe(zero);
    const { mean, sd } = moments(addDpNoise(zero, 0.5, 2));
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

  it('as a pipeline stage, noises the values and keeps what earlier stages recorded', () => {
    const noisy = dpNoiseTransform(0.5, 2)({ values: new Float32Array(20_000), normBeforeClip: 7 });
    expect(noisy.normBeforeClip).toBe(7);
    expect(moments(noisy.values).sd).toBeGreaterThan(0.95);
  });
});
