// The common random polynomial a_k of chunk k of one round attempt: every site encrypts against it and every
// decryptor multiplies by it, so all parties must hold it bit for bit. It is c1 of the seeded ciphertext SEAL expands
// from a seed everyone computes from public values, so it is uniform mod q and costs nothing on the wire.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../canonicalJson.ts';
import type { CkksContext } from '../ckksContext.ts';
import type { CheckedAttempt } from '../sumCheckKey.ts';
import { polynomialAt, seededCiphertext, SEED_LENGTH } from '../sealLayout.ts';

const DOMAIN = 'medfl/v1/crs\0';

/** SHA-512 of the domain and [codecId, runId, round, attempt, chunk]: SEAL's seed is exactly 64 bytes. */
export function crsSeed(codecId: string, { runId, round, attempt }: CheckedAttempt, chunk: number): Uint8Array {
  const seed = createHash('sha512').update(DOMAIN).update(canonicalJson([codecId, runId, round, attempt, chunk])).digest();
  return new Uint8Array(seed.buffer, seed.byteOffset, SEED_LENGTH);
}

/** a_k in NTT form (8·N bytes, SEAL layout). */
export function crsPolynomial(ckks: CkksContext, attempt: CheckedAttempt, chunk: number): Uint8Array {
  const degree = ckks.params.polyModulusDegree;
  const zero = new Uint8Array(8 * degree);
  const ciphertext = ckks.seal.CipherText();
  try {
    ciphertext.loadArray(ckks.context, seededCiphertext(ckks.parmsId, degree, ckks.scale, zero, crsSeed(ckks.params.codecId, attempt, chunk)));
    return polynomialAt(ciphertext.saveArray(ckks.seal.ComprModeType.none), degree, 1).slice();
  } finally {
    ciphertext.delete();
  }
}

/** Every chunk's a_k in order, one at a time. */
export function* crsPolynomials(ckks: CkksContext, attempt: CheckedAttempt): Generator<Uint8Array> {
  for (let chunk = 0; chunk < ckks.params.chunkCount; chunk++) yield crsPolynomial(ckks, attempt, chunk);
}
