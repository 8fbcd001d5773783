// The coordinator's running CKKS sum: adds each update's ciphertexts into one ciphertext per chunk, reading the update
// and the sum one chunk at a time and keeping the sum where it is told (SumChunks: a file beside the coordinator's
// store), so memory stays at a few chunks whatever the model's size or the number of sites. It is built without any key.
import { MedflError } from '../MedflError.ts';
import { openCkksContext, type CkksContext } from './ckksContext.ts';
import type { CkksParameters } from './ckksParameters.ts';
import { assertChunkCount, assertChunkIndex } from './chunkCount.ts';
import { joinPrime } from './coefficientPacking.ts';
import { expandCiphertext } from './expandCiphertext.ts';
import { decodeFingerprint } from './fingerprintBytes.ts';
import { memorySumChunks, type SumChunks } from './SumChunks.ts';
import { addInto } from './threshold/modularPolynomials.ts';
import type { EncryptedSum } from './UpdateCodec.ts';
import { checkCiphertext } from './validateCiphertext.ts';
import { encodeCiphertext } from './wireCiphertext.ts';

/** The run's aggregation as the coordinator sees it: fresh empty sums on demand, all sharing one SEAL context. */
export interface CkksAggregation {
  readonly codecId: string;
  readonly chunkCount: number;
  /** `keep` opens where the sum's chunks live; without it they stay in memory. */
  createSum(keep?: () => SumChunks): EncryptedSum;
  dispose(): void;
}

export async function createCkksAggregation(params: CkksParameters): Promise<CkksAggregation> {
  const ckks = await openCkksContext(params);
  return {
    codecId: params.codecId, chunkCount: params.chunkCount,
    createSum: (keep) => sumOver(ckks, (keep ?? memorySumChunks)(), false), dispose: () => ckks.dispose(),
  };
}

export async function createEncryptedSum(params: CkksParameters, keep: () => SumChunks = memorySumChunks): Promise<EncryptedSum> {
  return sumOver(await openCkksContext(params), keep(), true);
}

const bytesOf = (words: Uint32Array) => new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

function sumOver(ckks: CkksContext, totals: SumChunks, ownsContext: boolean): EncryptedSum {
  const { params } = ckks;
  const { chunkCount, codecId } = params;
  let updates = 0;

  /**
   * Chunk `index` of the sum with `bytes` added: c1 is regenerated from the seed by SEAL exactly as a site's sum check
   * regenerates it, then both polynomials are added coefficient-wise mod q (the single prime), which is SEAL's add.
   */
  function added(index: number, bytes: Uint8Array): Uint8Array {
    const label = `ciphertext ${index}`;
    const { c0, c1 } = expandCiphertext(ckks, label, checkCiphertext(ckks, label, bytes, 'seeded'));
    if (updates > 0) {
      const total = checkCiphertext(ckks, `the running sum's chunk ${index}`, totals.read(index), 'full');
      addInto(c0, total.c0, ckks.prime);
      addInto(c1, total.c1!, ckks.prime);
    }
    return encodeCiphertext(params, 'full', bytesOf(c0), bytesOf(c1));
  }

  function aggregateChunk(index: number): Uint8Array {
    if (updates === 0) throw new MedflError('CIPHERTEXT_COUNT', 'the encrypted sum is empty: no update has been folded');
    assertChunkIndex(index, chunkCount);
    return totals.read(index);
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
      checkCiphertext(ckks, `ciphertext ${index}`, bytes, 'seeded');
    },
    foldUpdate(chunks) {
      // The prime leaves room for maxSites updates only; one more could wrap the sum around silently.
      if (updates >= params.maxSites) throw new MedflError('CIPHERTEXT_COUNT', `the sum already holds ${updates} updates, the most codec ${codecId} allows`);
      // Each chunk is written to the sum's next generation, which becomes the sum only once every chunk is in: a
      // refused chunk (or too few) leaves the sum as it was, without holding the whole update to check it first.
      let index = 0;
      for (const bytes of chunks) {
        if (index >= chunkCount) assertChunkCount('the update', index + 1, chunkCount);
        totals.write(index, added(index, bytes));
        index += 1;
      }
      assertChunkCount('the update', index, chunkCount);
      totals.commit();
      updates += 1;
    },
    checkFingerprint(maskedFingerprint) {
      decodeFingerprint(maskedFingerprint, joinPrime(ckks.prime), 'the envelope\'s masked fingerprint', 'UPDATE_INVALID');
    },
    aggregateChunk,
    serialize: () => Array.from({ length: chunkCount }, (_, index) => aggregateChunk(index)),
    dispose() {
      totals.dispose();
      if (ownsContext) ckks.dispose();
    },
  };
}
