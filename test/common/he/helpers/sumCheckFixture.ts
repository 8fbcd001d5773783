// Three sites' real CKKS updates under one small codec, their masked fingerprints for one attempt, and the honest
// aggregate the keyless sum folds from them: what the sum-check tests forge variations of.
import { afterAll, beforeAll } from 'vitest';
import { openCkksContext, type CkksContext } from '../../../../common/he/ckksContext.ts';
import { chooseCkksParameters } from '../../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../../common/he/createEncryptedSum.ts';
import type { FingerprintedUpload, UpdateCodec } from '../../../../common/he/UpdateCodec.ts';
import { seededRandom } from '../../../../common/seededRandom.ts';
import { chunksDigest } from '../../../../common/wire/chunksDigest.ts';

export const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 4, clipNorm: 1, maxExamples: 50 });
export const attempt = { runId: 'run-7', round: 3, attempt: 1 };
export const SITES = ['site-a', 'site-b', 'site-c'];

export interface SumCheckFixture {
  readonly secretKey: Uint8Array;
  readonly codec: UpdateCodec;
  /** Each site's ciphertext chunks, in SITES order. */
  readonly updates: Uint8Array[][];
  /** Each site's leaf as the header carries it. */
  readonly uploads: FingerprintedUpload[];
  /** The keyless fold of `picked` updates (indices into SITES, repeats allowed). */
  fold(picked: readonly number[]): Promise<Uint8Array[]>;
}

export async function sumCheckFixture(): Promise<SumCheckFixture> {
  const secretKey = await generateCkksSecretKey(params);
  const codec = await createCkksCodec(params, secretKey);
  const random = seededRandom(11, 'sum-check');
  const updates = SITES.map((_, i) => [...codec.encryptUpdate(Float32Array.from({ length: 5000 }, () => random.float() - 0.5), 10 + i)]);
  const uploads = SITES.map((site, i) => {
    const digest = chunksDigest(updates[i]!);
    return { site, digest, maskedFingerprint: codec.sumCheck!.maskedFingerprint(attempt, site, digest, updates[i]!) };
  });
  const fold = async (picked: readonly number[]) => {
    const sum = await createEncryptedSum(params);
    for (const i of picked) sum.foldUpdate(updates[i]!);
    const chunks = sum.serialize();
    sum.dispose();
    return chunks;
  };
  return { secretKey, codec, updates, uploads, fold };
}

/** Builds the fixture and a SEAL context for the file's tests, hands both to `use`, and frees them after the file. */
export function useSumCheckFixture(use: (fixture: SumCheckFixture, ckks: CkksContext) => void): void {
  let fixture: SumCheckFixture | undefined;
  let ckks: CkksContext | undefined;
  beforeAll(async () => {
    fixture = await sumCheckFixture();
    ckks = await openCkksContext(params);
    use(fixture, ckks);
  });
  afterAll(() => {
    fixture?.codec.dispose();
    ckks?.dispose();
  });
}
