import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALUE_HEADROOM, type CkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { createPolynomialSum } from '../../../common/he/threshold/createPolynomialSum.ts';
import { createThresholdCodec } from '../../../common/he/threshold/createThresholdCodec.ts';
import { addShares } from '../../../common/he/threshold/shamir.ts';
import { MAX_SITE_EXAMPLES } from '../../../common/plan/exampleCap.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

type PlanValue = { privacy: Record<string, unknown>; consortium: Record<string, unknown>; strategy: Record<string, unknown>; training: Record<string, unknown> };
const uciPlan = (): PlanValue => JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'), 'utf8'));

function ckksParameters(change: (plan: PlanValue) => void = () => {}): CkksParameters {
  const value = uciPlan();
  change(value);
  const params = runCodecParameters(parsePlan(value, 'plan'));
  if (params.scheme !== 'ckks') throw new Error('the UCI plan encrypts with CKKS');
  return params;
}

/** The largest update the codec accepts, coordinate j at (−1)^j·maxAbs. */
function largestUpdate(params: CkksParameters): Float32Array {
  const maxAbs = Math.fround(params.clipNorm * VALUE_HEADROOM);
  return Float32Array.from({ length: params.parameterCount }, (_, j) => (j % 2 === 0 ? maxAbs : -maxAbs));
}

const worstError = (mean: Float32Array, update: Float32Array) => Math.max(...mean.map((value, j) => Math.abs(value - (update[j] ?? 0))));

/** The single-key codec: one key encrypts every site's update and decrypts the sum. */
async function sharedKeyMean(params: CkksParameters, update: Float32Array): Promise<Float32Array> {
  const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
  const sum = await createEncryptedSum(params);
  try {
    for (let site = 0; site < params.maxSites; site++) sum.foldUpdate([...codec.encryptUpdate(update, params.maxExamples)]);
    return codec.decryptAggregate(sum.serialize(), params.maxSites * params.maxExamples);
  } finally {
    sum.dispose();
    codec.dispose();
  }
}

/** Threshold CKKS: every site under its own key, the first t sites' smudged shares, opened as a site opens it. */
async function thresholdMean(params: CkksParameters, update: Float32Array): Promise<Float32Array> {
  const points = Array.from({ length: params.maxSites }, (_, i) => i + 1);
  const codecs = await Promise.all(points.map((x) => createThresholdCodec(params, new Uint8Array(32).fill(x))));
  try {
    const dealt = codecs.map((codec) => codec.shareKey(points));
    const attempt = { runId: '1', round: 1, attempt: 0 };
    const session = { attempt, contributors: points, decryptors: points.slice(0, params.threshold) };
    const maskKey = new Uint8Array(32).fill(7);
    const sum = await createPolynomialSum(params);
    for (const codec of codecs) sum.fold([...codec.encryptUpdate(update, params.maxExamples, attempt)]);
    const shares = await createPolynomialSum(params);
    for (const x of session.decryptors) {
      const keyShareSum = addShares(points.map((i) => dealt[i - 1]![x - 1]!), codecs[0]!.prime);
      shares.fold([...codecs[x - 1]!.decryptionShare({ session, point: x, keyShareSum, maskKey })]);
    }
    return codecs[0]!.openAggregate({ session, aggregateChunks: sum.serialize(), shareSumChunks: shares.serialize(), maskKey, totalExamples: params.maxSites * params.maxExamples });
  } finally {
    codecs.forEach((codec) => codec.dispose());
  }
}

/**
 * Every site at the cap sends the largest update the codec accepts: the sum reaches ±maxAbsSum, the most any
 * admissible round holds (under threshold CKKS with every decryptor's smudging noise). Resolves with the worst
 * decoding error of the mean.
 */
async function worstErrorAtTheCap(params: CkksParameters): Promise<number> {
  const update = largestUpdate(params);
  return worstError(await (params.threshold === undefined ? sharedKeyMean : thresholdMean)(params, update), update);
}

describe('runCodecParameters', () => {
  it("sizes the codec for the plan's per-site cap, and for MAX_SITE_EXAMPLES when the plan sets none", () => {
    expect(ckksParameters().maxExamples).toBe(200);
    expect(ckksParameters((plan) => delete plan.consortium.maxExamplesPerSite).maxExamples).toBe(MAX_SITE_EXAMPLES);
    // A tighter cap needs a smaller prime: fewer bytes per update for the same error bound.
    expect(ckksParameters().primeBits).toBeLessThan(ckksParameters((plan) => delete plan.consortium.maxExamplesPerSite).primeBits);
    const plaintext = runCodecParameters(parsePlan({ ...uciPlan(), privacy: { encryption: 'plaintext', clipNorm: 5 } }, 'plan'));
    expect(plaintext.maxExamples).toBe(200);
  });

  it('sizes a SCAFFOLD plan for its update: 2P values of L2 norm at most clipNorm·√2; other plans keep their codecId', () => {
    const fedavg = ckksParameters();
    const scaffold = ckksParameters((plan) => {
      plan.strategy = { name: 'scaffold' };
      plan.training.optimizer = 'sgd';
    });
    expect(fedavg.parameterCount).toBe(14);
    expect(fedavg.clipNorm).toBe(5);
    expect(scaffold.parameterCount).toBe(28);
    expect(scaffold.clipNorm).toBe(5 * Math.SQRT2);
    // Pinned: SCAFFOLD left the shipped plan's codecId alone (DP-SGD changed it once, dropping dpNoiseMultiplier).
    expect(fedavg.codecId).toBe('0x24d07b82c2ef692449f4314a7b7ce0dd89031bf6dc02d10eac8e1d262b2b0daa');
    expect(ckksParameters((plan) => (plan.strategy = { name: 'fedprox', mu: 0.1 })).codecId).toBe(fedavg.codecId);
  });

  it.each([
    ['the shipped UCI plan (cap 200)', () => ckksParameters()],
    ['the UCI plan under SCAFFOLD (2P values, clip √2·5)', () => ckksParameters((plan) => {
      plan.strategy = { name: 'scaffold' };
      plan.training.optimizer = 'sgd';
    })],
    ['the UCI plan without a cap (100 000 per site)', () => ckksParameters((plan) => delete plan.consortium.maxExamplesPerSite)],
    ['the UCI plan on the single-key codec', () => ckksParameters((plan) => (plan.privacy.encryption = 'ckks-shared-key'))],
  ])('decodes the largest admissible sum of %s within its error bound with real SEAL: no wrap', async (_, params) => {
    const p = params();
    const maxAbs = p.clipNorm * VALUE_HEADROOM;
    // The stated bound (errorBound·clipNorm) plus float32 rounding of the returned mean.
    expect(await worstErrorAtTheCap(p)).toBeLessThanOrEqual(p.errorBound * p.clipNorm + maxAbs * 2 ** -24);
  });

  it('refuses to encrypt an update weighted by more than the cap', async () => {
    const params = ckksParameters((plan) => (plan.privacy.encryption = 'ckks-shared-key'));
    const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
    try {
      expect(() => [...codec.encryptUpdate(new Float32Array(params.parameterCount), 201)]).toThrow('the example count must be an integer in 1..200, got 201');
    } finally {
      codec.dispose();
    }
  });
});
