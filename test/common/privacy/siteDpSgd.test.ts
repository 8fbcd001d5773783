import { describe, expect, it } from 'vitest';
import { dpSgdEpsilon } from '../../../common/privacy/dpSgdEpsilon.ts';
import { siteDpSgd, stepsPerRound } from '../../../common/privacy/siteDpSgd.ts';

const training = { optimizer: 'adam' as const, learningRate: 0.01, batchSize: 4, localEpochs: 2 };
const privacy = (dpSgd?: { noiseMultiplier?: number; targetEpsilon?: number }) => ({
  encryption: 'ckks' as const, clipNorm: 5, ...(dpSgd ? { dpSgd: { maxGradNorm: 1, delta: 1e-5, ...dpSgd } } : {}),
});

describe('stepsPerRound', () => {
  it('is localSteps when the plan sets it, else localEpochs passes of ⌈rows / batch⌉', () => {
    expect(stepsPerRound(training, 10)).toBe(2 * 3);
    expect(stepsPerRound({ batchSize: 4, localSteps: 100 }, 10)).toBe(100);
    expect(() => stepsPerRound({ batchSize: 4 }, 10)).toThrow(/exactly one of training.localEpochs and training.localSteps/);
  });
});

describe('siteDpSgd', () => {
  it('is undefined for a plan without DP-SGD', () => {
    expect(siteDpSgd({ privacy: privacy(), training, rounds: 3 }, 100)).toBeUndefined();
  });

  it('takes the plan\'s σ, q = batch / rows (at most 1) and the round\'s steps', () => {
    expect(siteDpSgd({ privacy: privacy({ noiseMultiplier: 1.2 }), training, rounds: 3 }, 100)).toEqual({
      samplingRate: 0.04, noiseMultiplier: 1.2, maxGradNorm: 1, stepsPerRound: 50, delta: 1e-5,
    });
    expect(siteDpSgd({ privacy: privacy({ noiseMultiplier: 1.2 }), training, rounds: 3 }, 3)?.samplingRate).toBe(1);
  });

  it('calibrates σ per site from its rows so that its ε after the plan\'s rounds is the target', () => {
    const plan = { privacy: privacy({ targetEpsilon: 3 }), training, rounds: 5 };
    const small = siteDpSgd(plan, 120)!;
    const large = siteDpSgd(plan, 1200)!;
    for (const site of [small, large]) {
      const epsilon = dpSgdEpsilon({ samplingRate: site.samplingRate, noiseMultiplier: site.noiseMultiplier, steps: 5 * site.stepsPerRound, delta: 1e-5 }).epsilon;
      expect(epsilon).toBeLessThanOrEqual(3);
      expect(epsilon).toBeGreaterThan(2.999);
    }
    // A larger site samples each record less often per step but takes more steps: its σ differs.
    expect(large.noiseMultiplier).not.toBeCloseTo(small.noiseMultiplier, 3);
  });
});
