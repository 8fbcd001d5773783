// What a keyless coordinator can build in place of the honest sum: a trivial ciphertext (c1 = 0, c0 = the attacker's
// mean, packed and NTT-transformed the way createCkksCodec does, with no key at all), or a re-fold of a chosen
// selection of the sites' own ciphertexts. Either serializes exactly like the honest sum, so only a check that ties
// the aggregate to the listed updates can tell.
import { openCkksContext, type CkksContext } from '../../../common/he/ckksContext.ts';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import { packCoefficients } from '../../../common/he/coefficientPacking.ts';
import { carrierCiphertext, polynomialAt } from '../../../common/he/sealLayout.ts';
import { encodeCiphertext } from '../../../common/he/wireCiphertext.ts';
import type { Aggregation, EncryptedSum } from '../../../coordinator/ports.ts';

/** NTT form of one coefficient polynomial, through SEAL's public ciphertext transform (as createCkksCodec's carrier). */
function toNtt(ckks: CkksContext, polynomial: Uint8Array): Uint8Array {
  const { seal, context, evaluator, parmsId, scale, params } = ckks;
  const carrier = seal.CipherText();
  try {
    carrier.loadArray(context, carrierCiphertext(parmsId, params.polyModulusDegree, scale, false, [polynomial]));
    evaluator.cipherTransformToNtt(carrier, carrier);
    return polynomialAt(carrier.saveArray(seal.ComprModeType.none), params.polyModulusDegree, 0).slice();
  } finally {
    carrier.delete();
  }
}

/** Full ciphertexts with c1 = 0 that every key decrypts to `mean` once divided by `totalExamples` (as sites do). */
export async function trivialCiphertexts(params: CkksParameters, mean: Float32Array, totalExamples: number): Promise<Uint8Array[]> {
  const ckks = await openCkksContext(params);
  try {
    const degree = params.polyModulusDegree;
    const zero = new Uint8Array(8 * degree);
    return Array.from({ length: params.chunkCount }, (_, chunk) => {
      const packed = packCoefficients(mean, chunk * degree, totalExamples * ckks.scale, degree, ckks.prime);
      return encodeCiphertext(params, 'full', toNtt(ckks, packed), zero);
    });
  } finally {
    ckks.dispose();
  }
}

/** The honest sum's serialization of exactly `updates` (one site's chunks may appear twice, or not at all). */
export async function refold(aggregation: Aggregation, updates: readonly (readonly Uint8Array[])[]): Promise<Uint8Array[]> {
  const sum = await aggregation.createSum();
  try {
    for (const chunks of updates) sum.foldUpdate(chunks);
    return sum.serialize();
  } finally {
    sum.dispose();
  }
}

/** A closed sum that serializes to `chunks` whatever was folded into the real one (which it frees). */
export function fixedSum(real: EncryptedSum, chunks: readonly Uint8Array[]): EncryptedSum {
  const { codecId, chunkCount, updates } = real;
  real.dispose();
  const closed = () => {
    throw new Error('the forged sum is closed: it only serializes');
  };
  return {
    codecId,
    chunkCount,
    updates,
    validateChunk: closed,
    foldUpdate: closed,
    serialize: () => [...chunks],
    dispose: () => undefined,
  };
}
