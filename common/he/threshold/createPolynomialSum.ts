// The coordinator's fold of threshold CKKS polynomials (kind crs): the contributors' c0s into C0, or the decryptors'
// shares into D. A coefficient-wise sum mod q in JS, with no key and no SEAL call; every chunk is checked before it
// counts, so a stored chunk always folds and a refused upload leaves the sum unchanged.
import { MedflError } from '../../MedflError.ts';
import { openCkksContext } from '../ckksContext.ts';
import type { CkksParameters } from '../ckksParameters.ts';
import { assertChunkCount, assertChunkIndex } from '../chunkCount.ts';
import type { Prime } from '../coefficientPacking.ts';
import { decodeCiphertext, encodeCiphertext } from '../wireCiphertext.ts';
import { addInto, bytesOf } from './modularPolynomials.ts';

export interface PolynomialSum {
  readonly codecId: string;
  readonly chunkCount: number;
  /** Uploads folded so far. */
  readonly count: number;
  /** Every check `fold` makes on one incoming chunk (throws CIPHERTEXT_*). */
  validateChunk(index: number, bytes: Uint8Array): void;
  /** Adds one upload (all its chunks, all checked first: either all fold or none). */
  fold(chunks: Iterable<Uint8Array>): void;
  /** Chunk `index` of the sum, in the same crs wire kind. */
  chunk(index: number): Uint8Array;
  /** The sum's chunks, in order, in the same crs wire kind. */
  serialize(): Uint8Array[];
}

/** `limit`: most uploads the sum takes (maxSites for updates, whose sum the prime is sized for; threshold for shares). */
export async function createPolynomialSum(params: CkksParameters, limit: number = params.maxSites): Promise<PolynomialSum> {
  // The prime is SEAL's choice for these parameters; a context is opened only to read it.
  const ckks = await openCkksContext(params);
  const prime: Prime = ckks.prime;
  ckks.dispose();
  const { chunkCount, codecId } = params;
  const decode = (index: number, bytes: Uint8Array) => decodeCiphertext(params, prime, `chunk ${index}`, bytes, 'crs').c0;
  let totals: Uint32Array[] = [];
  let count = 0;
  function chunk(index: number): Uint8Array {
    if (count === 0) throw new MedflError('CIPHERTEXT_COUNT', 'the polynomial sum is empty: nothing has been folded');
    assertChunkIndex(index, chunkCount);
    return encodeCiphertext(params, 'crs', bytesOf(totals[index]!));
  }
  return {
    codecId,
    chunkCount,
    get count() {
      return count;
    },
    validateChunk(index, bytes) {
      assertChunkIndex(index, chunkCount);
      decode(index, bytes);
    },
    fold(upload) {
      if (count >= limit) throw new MedflError('CIPHERTEXT_COUNT', `the sum already holds ${count} uploads, the most it takes for codec ${codecId}`);
      // Held whole (c0 only, half a single-key sum): the threshold sum is not yet kept on disk like the single-key one.
      const chunks = [...upload];
      assertChunkCount('the upload', chunks.length, chunkCount);
      const decoded = chunks.map((bytes, i) => decode(i, bytes));
      if (count === 0) totals = decoded;
      else decoded.forEach((words, i) => addInto(totals[i]!, words, prime));
      count += 1;
    },
    chunk,
    serialize: () => totals.map((_, index) => chunk(index)),
  };
}
