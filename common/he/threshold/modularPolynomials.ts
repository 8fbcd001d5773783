// Coefficient-wise addition and subtraction mod q of polynomials held as SEAL lays them out (little-endian uint64
// words read as uint32 halves). q < 2^60, so every intermediate is an exact double: no BigInt per coefficient.
import type { Prime } from '../coefficientPacking.ts';

const TWO_32 = 4294967296;

/** target ← target + addend mod q, both already below q. */
export function addInto(target: Uint32Array, addend: Uint32Array, q: Prime): void {
  for (let i = 0; i < target.length; i += 2) {
    let lo = (target[i] ?? 0) + (addend[i] ?? 0);
    let hi = (target[i + 1] ?? 0) + (addend[i + 1] ?? 0);
    if (lo >= TWO_32) {
      lo -= TWO_32;
      hi += 1;
    }
    if (hi > q.hi || (hi === q.hi && lo >= q.lo)) {
      lo -= q.lo;
      hi -= q.hi;
      if (lo < 0) {
        lo += TWO_32;
        hi -= 1;
      }
    }
    target[i] = lo;
    target[i + 1] = hi;
  }
}

/** target ← target − subtrahend mod q, both already below q. */
export function subtractInto(target: Uint32Array, subtrahend: Uint32Array, q: Prime): void {
  for (let i = 0; i < target.length; i += 2) {
    let lo = (target[i] ?? 0) - (subtrahend[i] ?? 0);
    let hi = (target[i + 1] ?? 0) - (subtrahend[i + 1] ?? 0);
    if (lo < 0) {
      lo += TWO_32;
      hi -= 1;
    }
    if (hi < 0) {
      lo += q.lo;
      hi += q.hi;
      if (lo >= TWO_32) {
        lo -= TWO_32;
        hi += 1;
      }
    }
    target[i] = lo;
    target[i + 1] = hi;
  }
}

/** A copy of a SEAL-layout polynomial's bytes as uint32 halves (aligned, owned). */
export const wordsOf = (polynomial: Uint8Array): Uint32Array => new Uint32Array(polynomial.slice().buffer);

/** The bytes of uint32 halves, SEAL's layout, without a copy. */
export const bytesOf = (words: Uint32Array): Uint8Array => new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
