// The key holder's aggregate sum check: each site signs a masked fingerprint of its own update, and before attesting a
// site checks that the aggregate's fingerprint equals the sum of the listed sites' fingerprints, for CHALLENGES secret
// challenge vectors r_j the coordinator cannot know (derived from the CKKS secret key: sumCheckKey.ts). The check is
// linear in every coefficient of c0 and c1, so any aggregate other than the fold of exactly those ciphertexts fails
// it except with probability 2^-(21·CHALLENGES) per check; a site's cost is one pass over the aggregate.
import type { Hash32 } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';
import { assertChunkCount } from './chunkCount.ts';
import type { CkksContext } from './ckksContext.ts';
import { CHALLENGES } from './challengeVectors.ts';
import { joinPrime } from './coefficientPacking.ts';
import { expandCiphertext } from './expandCiphertext.ts';
import { FingerprintAccumulator } from './FingerprintAccumulator.ts';
import { decodeFingerprint, encodeFingerprint } from './fingerprintBytes.ts';
import { deriveSumCheckKey, fingerprintMask, type SumCheckKey } from './sumCheckKey.ts';
import type { AggregateSumCheck, FingerprintedUpload, SumCheck } from './UpdateCodec.ts';
import { checkCiphertext } from './validateCiphertext.ts';

export function createSumCheck(ckks: CkksContext, secretKey: Uint8Array): SumCheck {
  const { params } = ckks;
  const q = joinPrime(ckks.prime);
  const degree = params.polyModulusDegree;
  const keyFor = (attempt: Parameters<SumCheck['maskedFingerprint']>[0]) => deriveSumCheckKey(secretKey, params.codecId, attempt);

  /** Σ_i (g_i − m_i) mod q over the listed uploads: what <r_j, aggregate> must be if the aggregate is their fold. */
  function expectedSums(key: SumCheckKey, uploads: readonly FingerprintedUpload[]): bigint[] {
    const sums: bigint[] = Array.from({ length: CHALLENGES }, () => 0n);
    for (const { site, digest, maskedFingerprint } of uploads) {
      const masked = decodeFingerprint(maskedFingerprint, q, `${site}'s masked fingerprint`, 'ATTESTATION_INVALID');
      const mask = fingerprintMask(key, site, digest, q);
      masked.forEach((value, j) => (sums[j] = (sums[j]! + value - mask[j]! + q) % q));
    }
    return sums;
  }

  return {
    maskedFingerprint(attempt, site: string, digest: Hash32, chunks) {
      assertChunkCount('the update', chunks.length, params.chunkCount);
      const key = keyFor(attempt);
      const fingerprint = new FingerprintAccumulator(key.challengeKey, q, degree);
      chunks.forEach((bytes, index) => {
        const label = `ciphertext ${index}`;
        const { c0, c1 } = expandCiphertext(ckks, label, checkCiphertext(ckks, label, bytes, 'seeded'));
        fingerprint.add(index, c0, c1);
      });
      // Masked, never sent raw: from raw f_i the coordinator could find small integers a_i with Σ a_i·f_i ≡ 0 (mod q)
      // by lattice reduction (dimension = sites; entries near q^(1/64) at 64 sites) and pass the check with
      // A + Σ a_i·c_i, re-weighting sites. With a PRF mask its whole view is independent of r, so a forgery of its
      // choosing passes each challenge with probability at most 2^-21 (Schwartz–Zippel for a linear form).
      const mask = fingerprintMask(key, site, digest, q);
      return encodeFingerprint(fingerprint.values().map((value, j) => (value + mask[j]!) % q));
    },
    openAggregateCheck(attempt, uploads): AggregateSumCheck {
      const key = keyFor(attempt);
      const expected = expectedSums(key, uploads);
      const fingerprint = new FingerprintAccumulator(key.challengeKey, q, degree);
      let received = 0;
      return {
        add(bytes) {
          if (received === params.chunkCount) assertChunkCount('the aggregate', received + 1, params.chunkCount);
          const { c0, c1 } = checkCiphertext(ckks, `aggregate ciphertext ${received}`, bytes, 'full');
          fingerprint.add(received, c0, c1!);
          received += 1;
        },
        finish() {
          assertChunkCount('the aggregate', received, params.chunkCount);
          const failed = fingerprint.values().flatMap((value, j) => (value === expected[j] ? [] : [j + 1]));
          if (failed.length === 0) return;
          const sites = uploads.map((upload) => upload.site).join(', ') || 'none';
          throw new MedflError(
            'AGGREGATE_FORGED',
            `the aggregate is not the sum of the ${uploads.length} signed updates its header lists (${sites}): challenge ${failed.join(', ')} of ${CHALLENGES} disagrees (<r, aggregate> differs from the sum of their unmasked fingerprints); not attesting`,
            { details: { failedChallenges: failed } },
          );
        },
      };
    },
  };
}
