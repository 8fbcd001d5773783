import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCkksContext, type CkksContext } from '../../../common/he/ckksContext.ts';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { createThresholdSumCheck, type KeyedSumCheck } from '../../../common/he/createSumCheck.ts';
import { createPolynomialSum } from '../../../common/he/threshold/createPolynomialSum.ts';
import { createThresholdCodec, type ThresholdCodec } from '../../../common/he/threshold/createThresholdCodec.ts';
import type { FingerprintedUpload } from '../../../common/he/UpdateCodec.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';

const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 3, clipNorm: 1, maxExamples: 50, threshold: 2 });
const attempt = { runId: '7', round: 2, attempt: 0 };
const SITES = ['site-a', 'site-b', 'site-c'];
const group = new Uint8Array(32).fill(5);

let ckks: CkksContext;
let codecs: ThresholdCodec[];
let check: KeyedSumCheck;
let updates: Uint8Array[][];
let uploads: FingerprintedUpload[];

async function fold(picked: readonly number[]): Promise<Uint8Array[]> {
  const sum = await createPolynomialSum(params, picked.length);
  for (const i of picked) sum.fold(updates[i]!);
  return sum.serialize();
}

function checkFold(chunks: readonly Uint8Array[], leaves = uploads, sumCheck = check): void {
  const opened = sumCheck.openFoldCheck(attempt, leaves, { fold: 'decryption-share sum', leaves: 'signed decryption shares' });
  for (const bytes of chunks) opened.add(bytes);
  opened.finish();
}

beforeAll(async () => {
  ckks = await openCkksContext(params);
  codecs = await Promise.all(SITES.map((_, i) => createThresholdCodec(params, new Uint8Array(32).fill(i + 1))));
  check = createThresholdSumCheck(ckks, group);
  const random = seededRandom(15, 'threshold sum check');
  updates = codecs.map((codec, i) => [...codec.encryptUpdate(Float32Array.from({ length: 5000 }, () => random.float() - 0.5), 10 + i, attempt)]);
  uploads = SITES.map((site, i) => {
    const digest = chunksDigest(updates[i]!);
    return { site, digest, maskedFingerprint: check.maskedFingerprint(attempt, site, digest, updates[i]!) };
  });
});

afterAll(() => {
  for (const codec of codecs) codec.dispose();
  ckks.dispose();
});

describe('createThresholdSumCheck (real threshold c0 chunks of three sites)', () => {
  it('passes the keyless fold of exactly the listed c0s', async () => {
    checkFold(await fold([0, 1, 2]));
  });

  it('refuses a fold that drops or doubles a listed site, naming the fold in the message', async () => {
    const forged = expect.objectContaining({ code: 'AGGREGATE_FORGED', message: expect.stringMatching(/^the decryption-share sum is not the sum of the 3 signed decryption shares its header lists/) });
    const dropped = await fold([0, 1]);
    const doubled = await fold([0, 1, 2, 2]);
    expect(() => checkFold(dropped)).toThrow(forged);
    expect(() => checkFold(doubled)).toThrow(forged);
  });

  it('refuses the honest fold under another group secret: the key holders decide the challenges', async () => {
    const other = createThresholdSumCheck(ckks, new Uint8Array(32).fill(6));
    const honest = await fold([0, 1, 2]);
    expect(() => checkFold(honest, uploads, other)).toThrow(expect.objectContaining({ code: 'AGGREGATE_FORGED' }));
  });

  it('refuses a fold with a chunk missing, before comparing anything', () => {
    expect(() => checkFold([])).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
  });

  it('fingerprints c0 alone: a truncated upload chunk is refused, not fingerprinted', () => {
    const truncated = updates[0]!.map((bytes) => bytes.subarray(0, bytes.length - 8));
    expect(() => check.maskedFingerprint(attempt, 'site-a', uploads[0]!.digest, truncated)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_TRUNCATED' }));
  });
});
