import { describe, expect, it } from 'vitest';
import type { CkksParameters } from '../../common/he/ckksParameters.ts';
import { createThresholdCodec } from '../../common/he/threshold/createThresholdCodec.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { thresholdAggregation } from '../../coordinator/thresholdAggregation.ts';
import { coordinatorAggregation } from '../../coordinator/wiring.ts';
import { testPlan } from './helpers/testConsortium.ts';
import { fingerprint } from './helpers/thresholdSites.ts';

const plan = testPlan({}, 2, 'ckks');
const params = runCodecParameters(plan) as CkksParameters;
const attempt = { runId: '1', round: 1, attempt: 0 };
const tooLarge = new Uint8Array(fingerprint(1).length).fill(255);

describe('thresholdAggregation', () => {
  it('is what the wiring gives a ckks plan (threshold t, a decryption phase); the single-key and plaintext codecs have none', () => {
    expect(coordinatorAggregation(plan).decryption?.threshold).toBe(2);
    expect(coordinatorAggregation(testPlan({ decryptionThreshold: 3 }, 2, 'ckks')).decryption?.threshold).toBe(3);
    expect(coordinatorAggregation({ ...plan, privacy: { ...plan.privacy, encryption: 'ckks-shared-key' } }).decryption).toBeUndefined();
    expect(coordinatorAggregation(testPlan()).decryption).toBeUndefined();
  });

  it('folds real c0 chunks into the round\'s sum and refuses a fingerprint at or above the prime as UPDATE_INVALID', async () => {
    const codec = await createThresholdCodec(params, new Uint8Array(32).fill(1));
    const sum = await thresholdAggregation(params).createSum();
    const chunks = [...codec.encryptUpdate(new Float32Array(4).fill(0.25), 3, attempt)];
    chunks.forEach((chunk, index) => sum.validateChunk(index, chunk));
    sum.foldUpdate(chunks);
    expect(sum.updates).toBe(1);
    expect(sum.serialize()).toEqual(chunks);
    expect(() => sum.checkFingerprint(fingerprint(1))).not.toThrow();
    expect(() => sum.checkFingerprint(tooLarge)).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID' }));
    codec.dispose();
  });

  it('gives share sums that take at most t shares and refuse a malformed share fingerprint as SHARE_INVALID', async () => {
    const codec = await createThresholdCodec(params, new Uint8Array(32).fill(2));
    const shares = await thresholdAggregation(params).decryption!.createShareSum();
    const chunks = [...codec.encryptUpdate(new Float32Array(4), 1, attempt)];
    shares.fold(chunks);
    shares.fold(chunks);
    expect(() => shares.fold(chunks)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
    expect(() => shares.checkFingerprint(tooLarge)).toThrow(expect.objectContaining({ code: 'SHARE_INVALID' }));
    expect(() => shares.checkFingerprint(new Uint8Array(3))).toThrow(expect.objectContaining({ code: 'SHARE_INVALID' }));
    codec.dispose();
  });

  it('refuses parameters of another encryption', () => {
    const single = runCodecParameters({ ...plan, privacy: { ...plan.privacy, encryption: 'ckks-shared-key' } }) as CkksParameters;
    expect(() => thresholdAggregation(single)).toThrow(expect.objectContaining({ code: 'CODEC_MISMATCH' }));
  });
});
