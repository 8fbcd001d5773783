// What a keyless coordinator can build in place of the honest sum: a trivial ciphertext (c1 = 0, c0 = the attacker's
// mean, packed and NTT-transformed the way createCkksCodec does, with no key at all), or a re-fold of a chosen
// selection of the sites' own ciphertexts. Either serializes exactly like the honest sum, so only a check that ties
// the aggregate to the listed updates can tell.
import { openCkksContext, type CkksContext } from '../../../common/he/ckksContext.ts';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import { packCoefficients, type Prime } from '../../../common/he/coefficientPacking.ts';
import { carrierCiphertext, polynomialAt } from '../../../common/he/sealLayout.ts';
import { decodeCiphertext, encodeCiphertext } from '../../../common/he/wireCiphertext.ts';
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

async function honestFold(aggregation: Aggregation, updates: readonly (readonly Uint8Array[])[]): Promise<Uint8Array[]> {
  const sum = await aggregation.createSum();
  try {
    for (const chunks of updates) sum.foldUpdate(chunks);
    return sum.serialize();
  } finally {
    sum.dispose();
  }
}

/** Two full ciphertexts added in JS, coefficient by coefficient mod q: what SEAL's add does, without its guard. */
function addFull(params: CkksParameters, prime: Prime, a: Uint8Array, b: Uint8Array): Uint8Array {
  const q = (BigInt(prime.hi) << 32n) | BigInt(prime.lo);
  const [x, y] = [a, b].map((bytes) => decodeCiphertext(params, prime, 'forged sum', bytes, 'full'));
  const add = (u: Uint32Array, v: Uint32Array) => {
    const words = (w: Uint32Array) => new BigUint64Array(w.buffer, w.byteOffset, w.length / 2);
    const [p, r] = [words(u), words(v)];
    return new Uint8Array(BigUint64Array.from(p, (value, i) => (value + r[i]!) % q).buffer);
  };
  return encodeCiphertext(params, 'full', add(x!.c0, y!.c0), add(x!.c1!, y!.c1!));
}

/**
 * The sum of exactly `updates` (one site's chunks may appear twice, or not at all), folded by the honest sum in
 * groups of at most maxSites (the most one sum takes), the groups' sums then added.
 */
export async function refold(aggregation: Aggregation, params: CkksParameters, updates: readonly (readonly Uint8Array[])[]): Promise<Uint8Array[]> {
  const groups = Array.from({ length: Math.ceil(updates.length / params.maxSites) }, (_, g) => updates.slice(g * params.maxSites, (g + 1) * params.maxSites));
  const sums = await Promise.all(groups.map((group) => honestFold(aggregation, group)));
  const ckks = await openCkksContext(params);
  ckks.dispose();
  return sums.reduce((total, sum) => total.map((chunk, i) => addFull(params, ckks.prime, chunk, sum[i]!)));
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
    checkFingerprint: closed,
    foldUpdate: closed,
    aggregateChunk: (index) => chunks[index]!,
    serialize: () => [...chunks],
    dispose: () => undefined,
  };
}
