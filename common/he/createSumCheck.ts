// The key holder's aggregate sum check: each site signs a masked fingerprint of its own update, and before attesting a
// site checks that the aggregate's fingerprint equals the sum of the listed sites' fingerprints, for CHALLENGES secret
// challenge vectors r_j the coordinator cannot know (derived from a secret only the sites hold: the CKKS secret key, or
// under threshold CKKS the sites' group secret; sumCheckKey.ts). The check is linear in every coefficient of what
// travels (c0 and c1; c0 alone for threshold CKKS, whose c1 is public), so any fold other than that of exactly those
// ciphertexts fails it except with probability 2^-(21·CHALLENGES) per check; a site's cost is one pass over the fold.
import type { Hash32 } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';
import { assertChunkCount } from './chunkCount.ts';
import type { CkksContext } from './ckksContext.ts';
import { CHALLENGES } from './challengeVectors.ts';
import { joinPrime } from './coefficientPacking.ts';
import { expandCiphertext } from './expandCiphertext.ts';
import { FingerprintAccumulator } from './FingerprintAccumulator.ts';
import { decodeFingerprint, encodeFingerprint } from './fingerprintBytes.ts';
import { deriveSumCheckKey, fingerprintMask, type CheckedAttempt, type SumCheckKey } from './sumCheckKey.ts';
import type { AggregateSumCheck, FingerprintedUpload, SumCheck } from './UpdateCodec.ts';
import { checkCiphertext } from './validateCiphertext.ts';
import type { WireKind } from './wireCiphertext.ts';

/** What a fold is called in a refusal: the fold itself and the signed leaves it must be the sum of. */
export interface FoldNames {
  readonly fold: string;
  readonly leaves: string;
}

const AGGREGATE: FoldNames = { fold: 'aggregate', leaves: 'signed updates' };

/** A sum check that also checks folds other than the aggregate (threshold CKKS: the folded decryption shares). */
export interface KeyedSumCheck extends SumCheck {
  openFoldCheck(attempt: CheckedAttempt, uploads: readonly FingerprintedUpload[], names: FoldNames): AggregateSumCheck;
}

/** Where the check's key comes from and which wire kinds the uploads and the fold travel as. */
export interface SumCheckSource {
  keyFor(attempt: CheckedAttempt): SumCheckKey;
  readonly uploadKind: Extract<WireKind, 'seeded' | 'crs'>;
  readonly foldKind: Extract<WireKind, 'full' | 'crs'>;
}

/** The single-key codec's check: K from the CKKS secret key; seeded uploads, a full aggregate. */
export function createSumCheck(ckks: CkksContext, secretKey: Uint8Array): KeyedSumCheck {
  const keyFor = (attempt: CheckedAttempt) => deriveSumCheckKey(secretKey, ckks.params.codecId, attempt);
  return createKeyedSumCheck(ckks, { keyFor, uploadKind: 'seeded', foldKind: 'full' });
}

/** Threshold CKKS's check: K from the sites' group secret G of the attempt's key holders; c0 alone in both. */
export function createThresholdSumCheck(ckks: CkksContext, groupSecret: Uint8Array): KeyedSumCheck {
  const keyFor = (attempt: CheckedAttempt) => deriveSumCheckKey(groupSecret, ckks.params.codecId, attempt);
  return createKeyedSumCheck(ckks, { keyFor, uploadKind: 'crs', foldKind: 'crs' });
}

function createKeyedSumCheck(ckks: CkksContext, source: SumCheckSource): KeyedSumCheck {
  const { params } = ckks;
  const q = joinPrime(ckks.prime);
  const degree = params.polyModulusDegree;
  const { keyFor } = source;

  /** (c0, c1) of one upload chunk; c0 alone when c1 is the attempt's public polynomial. */
  function uploadPolynomials(label: string, bytes: Uint8Array): { c0: Uint32Array; c1?: Uint32Array } {
    const decoded = checkCiphertext(ckks, label, bytes, source.uploadKind);
    return source.uploadKind === 'crs' ? { c0: decoded.c0 } : expandCiphertext(ckks, label, decoded);
  }

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

  const check: KeyedSumCheck = {
    maskedFingerprint(attempt, site: string, digest: Hash32, chunks) {
      const key = keyFor(attempt);
      const fingerprint = new FingerprintAccumulator(key.challengeKey, q, degree);
      let index = 0;
      for (const bytes of chunks) {
        if (index >= params.chunkCount) assertChunkCount('the update', index + 1, params.chunkCount);
        const { c0, c1 } = uploadPolynomials(`ciphertext ${index}`, bytes);
        fingerprint.add(index, c0, c1);
        index += 1;
      }
      assertChunkCount('the update', index, params.chunkCount);
      // Masked, never sent raw: from raw f_i the coordinator could find small integers a_i with Σ a_i·f_i ≡ 0 (mod q)
      // by lattice reduction (dimension = sites; entries near q^(1/64) at 64 sites) and pass the check with
      // A + Σ a_i·c_i, re-weighting sites. With a PRF mask its whole view is independent of r, so a forgery of its
      // choosing passes each challenge with probability at most 2^-21 (Schwartz–Zippel for a linear form).
      const mask = fingerprintMask(key, site, digest, q);
      return encodeFingerprint(fingerprint.values().map((value, j) => (value + mask[j]!) % q));
    },
    openAggregateCheck(attempt, uploads): AggregateSumCheck {
      return check.openFoldCheck(attempt, uploads, AGGREGATE);
    },
    openFoldCheck(attempt, uploads, names): AggregateSumCheck {
      const key = keyFor(attempt);
      const expected = expectedSums(key, uploads);
      const fingerprint = new FingerprintAccumulator(key.challengeKey, q, degree);
      let received = 0;
      return {
        add(bytes) {
          if (received === params.chunkCount) assertChunkCount(`the ${names.fold}`, received + 1, params.chunkCount);
          const { c0, c1 } = checkCiphertext(ckks, `${names.fold} ciphertext ${received}`, bytes, source.foldKind);
          fingerprint.add(received, c0, c1);
          received += 1;
        },
        finish() {
          assertChunkCount(`the ${names.fold}`, received, params.chunkCount);
          const failed = fingerprint.values().flatMap((value, j) => (value === expected[j] ? [] : [j + 1]));
          if (failed.length === 0) return;
          const sites = uploads.map((upload) => upload.site).join(', ') || 'none';
          throw new MedflError(
            'AGGREGATE_FORGED',
            `the ${names.fold} is not the sum of the ${uploads.length} ${names.leaves} its header lists (${sites}): challenge ${failed.join(', ')} of ${CHALLENGES} disagrees (<r, ${names.fold}> differs from the sum of their unmasked fingerprints); not attesting`,
            { details: { failedChallenges: failed } },
          );
        },
      };
    },
  };
  return check;
}
