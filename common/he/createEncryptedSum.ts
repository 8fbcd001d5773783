// The coordinator's running CKKS sum: adds each update's ciphertexts into one ciphertext per chunk and frees them,
// so memory stays at one update's worth whatever the number of sites. It is built without any key.
import type { CipherText } from './loadSeal.ts';
import { MedflError } from '../MedflError.ts';
import { openCkksContext, type CkksContext } from './ckksContext.ts';
import type { CkksParameters } from './ckksParameters.ts';
import { assertChunkCount, assertChunkIndex } from './chunkCount.ts';
import { joinPrime } from './coefficientPacking.ts';
import { decodeFingerprint } from './fingerprintBytes.ts';
import type { EncryptedSum } from './UpdateCodec.ts';
import { polynomialAt } from './sealLayout.ts';
import { checkCiphertext, loadDecoded } from './validateCiphertext.ts';
import { encodeCiphertext, type DecodedCiphertext } from './wireCiphertext.ts';

/** The run's aggregation as the coordinator sees it: fresh empty sums on demand, all sharing one SEAL context. */
export interface CkksAggregation {
  readonly codecId: string;
  readonly chunkCount: number;
  createSum(): EncryptedSum;
  dispose(): void;
}

export async function createCkksAggregation(params: CkksParameters): Promise<CkksAggregation> {
  const ckks = await openCkksContext(params);
  return { codecId: params.codecId, chunkCount: params.chunkCount, createSum: () => sumOver(ckks, false), dispose: () => ckks.dispose() };
}

export async function createEncryptedSum(params: CkksParameters): Promise<EncryptedSum> {
  return sumOver(await openCkksContext(params), true);
}

function sumOver(ckks: CkksContext, ownsContext: boolean): EncryptedSum {
  const { params } = ckks;
  const { chunkCount, codecId } = params;
  const none = ckks.seal.ComprModeType.none;
  let totals: CipherText[] = [];
  let updates = 0;
  // What validateChunk decoded, by the very byte array it was given: the fold of those same arrays skips a second decode.
  const validated = new WeakMap<Uint8Array, DecodedCiphertext>();

  /** Every chunk of an update decoded and checked (the ones validateChunk saw are not decoded again). */
  function checkAll(chunks: readonly Uint8Array[]): DecodedCiphertext[] {
    assertChunkCount('the update', chunks.length, chunkCount);
    return chunks.map((bytes, i) => validated.get(bytes) ?? checkCiphertext(ckks, `ciphertext ${i}`, bytes, 'seeded'));
  }

  return {
    codecId,
    chunkCount,
    get updates() {
      return updates;
    },
    validateChunk(index, bytes) {
      assertChunkIndex(index, chunkCount);
      // The same checks foldUpdate makes (every coefficient below the prime included): a stored chunk always folds.
      validated.set(bytes, checkCiphertext(ckks, `ciphertext ${index}`, bytes, 'seeded'));
    },
    foldUpdate(chunks) {
      // The prime leaves room for maxSites updates only; one more could wrap the sum around silently.
      if (updates >= params.maxSites) throw new MedflError('CIPHERTEXT_COUNT', `the sum already holds ${updates} updates, the most codec ${codecId} allows`);
      // All checked before any is added, so a refused update leaves the sum as it was; then loaded into SEAL and added
      // one chunk at a time, so the fold holds one update's SEAL ciphertexts (each 2 × N words) only one at a time.
      const decoded = checkAll(chunks);
      try {
        decoded.forEach((ciphertext, i) => {
          const loaded = loadDecoded(ckks, `ciphertext ${i}`, ciphertext);
          if (updates === 0) {
            totals.push(loaded);
            return;
          }
          ckks.evaluator.add(totals[i]!, loaded, totals[i]!);
          loaded.delete();
        });
      } catch (error) {
        // SEAL refusing a checked chunk is not reachable (validateCiphertext.ts); should it happen mid-fold, a first
        // update leaves the sum empty, a later one a sum no site's sum check will pass, so the attempt fails, not a lie.
        if (updates === 0) {
          for (const total of totals) total.delete();
          totals = [];
        }
        throw error;
      }
      updates += 1;
    },
    checkFingerprint(maskedFingerprint) {
      decodeFingerprint(maskedFingerprint, joinPrime(ckks.prime), 'the envelope\'s masked fingerprint', 'UPDATE_INVALID');
    },
    serialize() {
      if (updates === 0) throw new MedflError('CIPHERTEXT_COUNT', 'the encrypted sum is empty: no update has been folded');
      const n = params.polyModulusDegree;
      return totals.map((total) => {
        const sealBytes = total.saveArray(none);
        return encodeCiphertext(params, 'full', polynomialAt(sealBytes, n, 0), polynomialAt(sealBytes, n, 1));
      });
    },
    dispose() {
      for (const total of totals) total.delete();
      totals = [];
      if (ownsContext) ckks.dispose();
    },
  };
}
