import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { checkMeanBounds, meanBounds } from '../../../common/he/meanBounds.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { seededRandom, type SeededRandom } from '../../../common/seededRandom.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { clipToNorm } from '../../../participant/update/clipToNorm.ts';

const SLACK = 1 + 2 ** -20;

/**
 * A shipped plan and its CKKS parameters, on the single-key codec: the bounds follow from clipNorm and the codec's
 * stated errorBound alone, which the threshold codec's parameters meet too (its smudging noise is inside that bound,
 * test/common/he/threshold/createThresholdCodec.test.ts).
 */
function planWith(file: string): { plan: Plan; params: CkksParameters } {
  const value = JSON.parse(readFileSync(join(REPO_ROOT, 'plans', file), 'utf8')) as { privacy: Record<string, unknown> };
  value.privacy.encryption = 'ckks-shared-key';
  const plan = parsePlan(value, file);
  const params = runCodecParameters(plan);
  if (params.scheme !== 'ckks') throw new Error(`${file} encrypts with CKKS`);
  return { plan, params };
}

function gaussian(random: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - random.float())) * Math.cos(2 * Math.PI * random.float());
}

/** One honest site's update as the pipeline makes it: a delta (DP-SGD noise included, when the plan asks) clipped to clipNorm. */
function honestUpdate(random: SeededRandom, params: CkksParameters): Float32Array {
  const delta = Float32Array.from({ length: params.parameterCount }, () => gaussian(random) * params.clipNorm);
  return clipToNorm(delta, params.clipNorm).clipped;
}

/** Every site at `examples` sends `updates[site]` through real SEAL; resolves with the decrypted mean. */
async function encryptedMean(params: CkksParameters, updates: readonly Float32Array[], examples: readonly number[]): Promise<Float32Array> {
  const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
  const sum = await createEncryptedSum(params);
  try {
    updates.forEach((update, site) => sum.foldUpdate([...codec.encryptUpdate(update, examples[site] ?? 1)]));
    return codec.decryptAggregate(sum.serialize(), examples.reduce((a, b) => a + b, 0));
  } finally {
    sum.dispose();
    codec.dispose();
  }
}

describe('meanBounds', () => {
  it('is clipNorm plus the decoding error', () => {
    const plain = planWith('uci-heart-fedavg.json');
    expect(meanBounds(plain.plan.privacy, plain.params)).toEqual({ maxAbsCoordinate: (5 + 5e-6) * SLACK, maxNorm: (5 + Math.sqrt(14) * 5e-6) * SLACK });
  });

  it("passes the most extreme honest mean through real SEAL: every site's whole clip budget on one coordinate, either sign", async () => {
    const { plan, params } = planWith('demo.json');
    const bounds = meanBounds(plan.privacy, params);
    for (const sign of [1, -1]) {
      const update = new Float32Array(params.parameterCount);
      update[7] = sign * params.clipNorm;
      const mean = await encryptedMean(params, Array(params.maxSites).fill(update), Array(params.maxSites).fill(params.maxExamples));
      expect(() => checkMeanBounds(mean, bounds)).not.toThrow();
    }
  });

  it('passes honest rounds through real SEAL over several seeds', async () => {
    const { plan, params } = planWith('demo.json');
    const bounds = meanBounds(plan.privacy, params);
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seededRandom(seed, 'honest-mean');
      const updates = Array.from({ length: params.maxSites }, () => honestUpdate(random, params));
      // One site far larger than the rest: the mean is then nearly its own clipped update.
      const examples = [params.maxExamples, 1 + random.int(10), 1 + random.int(10), 1 + random.int(10)];
      const mean = await encryptedMean(params, updates, examples);
      expect(() => checkMeanBounds(mean, bounds), `seed ${seed}`).not.toThrow();
    }
  });
});

describe('checkMeanBounds', () => {
  const { plan, params } = planWith('uci-heart-fedavg.json');
  const bounds = meanBounds(plan.privacy, params);

  it('refuses a mean with one coordinate beyond the bound, naming the coordinate, its value and the bound', () => {
    const mean = new Float32Array(14);
    mean[3] = -5.5;
    expect(() => checkMeanBounds(mean, bounds)).toThrow(expect.objectContaining({
      code: 'AGGREGATE_OUT_OF_BOUNDS',
      message: `the decrypted mean's coordinate 3 is -5.5, beyond the ±${bounds.maxAbsCoordinate} an honest round's mean stays within; refusing it`,
      details: { coordinate: 3, value: -5.5, bound: bounds.maxAbsCoordinate },
    }));
    // The previous review's wrapped sum decoded to a mean of -161.5 where the sites sent +472.
    mean[3] = -161.5;
    expect(() => checkMeanBounds(mean, bounds)).toThrow(expect.objectContaining({ code: 'AGGREGATE_OUT_OF_BOUNDS', details: expect.objectContaining({ coordinate: 3 }) }));
    mean[3] = Number.NaN;
    expect(() => checkMeanBounds(mean, bounds)).toThrow(expect.objectContaining({ code: 'AGGREGATE_OUT_OF_BOUNDS' }));
  });

  it('refuses a mean whose every coordinate is in the box but whose norm is beyond the ball, naming the norm and the bound', () => {
    const mean = new Float32Array(14).fill(2);
    expect(() => checkMeanBounds(mean, bounds)).toThrow(expect.objectContaining({
      code: 'AGGREGATE_OUT_OF_BOUNDS',
      message: `the decrypted mean's L2 norm is ${Math.sqrt(56)}, beyond the ${bounds.maxNorm} an honest round's mean stays within; refusing it`,
      details: { norm: Math.sqrt(56), bound: bounds.maxNorm },
    }));
  });
});
