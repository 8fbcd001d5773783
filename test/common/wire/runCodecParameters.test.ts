import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valueHeadroom, type CkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { MAX_SITE_EXAMPLES } from '../../../common/plan/exampleCap.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

type PlanValue = { privacy: Record<string, unknown>; consortium: Record<string, unknown> };
const uciPlan = (): PlanValue => JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'), 'utf8'));

function ckksParameters(change: (plan: PlanValue) => void = () => {}): CkksParameters {
  const value = uciPlan();
  change(value);
  const params = runCodecParameters(parsePlan(value, 'plan'));
  if (params.scheme !== 'ckks') throw new Error('the UCI plan encrypts with CKKS');
  return params;
}

/**
 * Every site at the cap sends the largest update the codec accepts, coordinate j at (−1)^j·maxAbs: the sum reaches
 * ±maxAbsSum, the most any admissible round holds. Resolves with the worst decoding error of the mean.
 */
async function worstErrorAtTheCap(params: CkksParameters): Promise<number> {
  const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
  const sum = await createEncryptedSum(params);
  try {
    const maxAbs = Math.fround(params.clipNorm * valueHeadroom(params.dpNoiseMultiplier));
    const update = Float32Array.from({ length: params.parameterCount }, (_, j) => (j % 2 === 0 ? maxAbs : -maxAbs));
    for (let site = 0; site < params.maxSites; site++) sum.foldUpdate([...codec.encryptUpdate(update, params.maxExamples)]);
    const mean = codec.decryptAggregate(sum.serialize(), params.maxSites * params.maxExamples);
    return Math.max(...mean.map((value, j) => Math.abs(value - (update[j] ?? 0))));
  } finally {
    sum.dispose();
    codec.dispose();
  }
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

  it.each([
    ['the shipped UCI plan (cap 200)', () => ckksParameters()],
    ['the UCI plan with DP noise multiplier 1.5', () => ckksParameters((plan) => (plan.privacy.dpNoiseMultiplier = 1.5))],
    ['the UCI plan without a cap (100 000 per site)', () => ckksParameters((plan) => delete plan.consortium.maxExamplesPerSite)],
  ])('decodes the largest admissible sum of %s within its error bound with real SEAL: no wrap', async (_, params) => {
    const p = params();
    const maxAbs = p.clipNorm * valueHeadroom(p.dpNoiseMultiplier);
    // The stated bound (errorBound·clipNorm) plus float32 rounding of the returned mean.
    expect(await worstErrorAtTheCap(p)).toBeLessThanOrEqual(p.errorBound * p.clipNorm + maxAbs * 2 ** -24);
  });

  it('refuses to encrypt an update weighted by more than the cap', async () => {
    const params = ckksParameters();
    const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
    try {
      expect(() => [...codec.encryptUpdate(new Float32Array(params.parameterCount), 201)]).toThrow('the example count must be an integer in 1..200, got 201');
    } finally {
      codec.dispose();
    }
  });
});
