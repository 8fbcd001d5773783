// Fixed-point packing of real values into the coefficients of a plaintext polynomial modulo one prime q, and back.
// Coefficient packing holds N values per ciphertext (the slot encoder holds N/2 reals); it suits CKKS here because
// addition is the only homomorphic operation, and addition is coefficient-wise.

const TWO_32 = 4294967296;

export interface Prime {
  readonly lo: number;
  readonly hi: number;
}

export function splitPrime(q: bigint): Prime {
  return { lo: Number(q & 0xffffffffn), hi: Number(q >> 32n) };
}

export function joinPrime(q: Prime): bigint {
  return (BigInt(q.hi) << 32n) | BigInt(q.lo);
}

/**
 * Little-endian uint64 words round(values[i]·factor) mod q for `degree` coefficients (zeros past the end).
 * |round(x)| < q/2 < 2^59 is an exact double, so the split into 32-bit halves is exact without BigInt.
 */
export function packCoefficients(values: Float32Array, start: number, factor: number, degree: number, q: Prime): Uint8Array {
  const words = new Uint32Array(2 * degree);
  const end = Math.min(values.length, start + degree);
  for (let i = start; i < end; i++) {
    const rounded = Math.round((values[i] ?? 0) * factor);
    const magnitude = Math.abs(rounded);
    let lo = magnitude % TWO_32;
    let hi = Math.floor(magnitude / TWO_32);
    if (rounded < 0) {
      lo = q.lo - lo;
      hi = q.hi - hi;
      if (lo < 0) {
        lo += TWO_32;
        hi -= 1;
      }
    }
    const k = 2 * (i - start);
    words[k] = lo;
    words[k + 1] = hi;
  }
  return new Uint8Array(words.buffer);
}

/** Writes the centred value of each word (in (-q/2, q/2]) divided by `divisor` into out[start..start+count). */
export function unpackCoefficients(words: Uint8Array, q: Prime, divisor: number, out: Float64Array, start: number, count: number): void {
  const v = new DataView(words.buffer, words.byteOffset, words.byteLength);
  const halfHi = q.hi / 2;
  for (let i = 0; i < count; i++) {
    const lo = v.getUint32(8 * i, true);
    const hi = v.getUint32(8 * i + 4, true);
    // Upper half of [0, q) is negative; hi alone decides except at the exact middle, which the prime's headroom excludes.
    const centred = hi >= halfHi ? (hi - q.hi) * TWO_32 + (lo - q.lo) : hi * TWO_32 + lo;
    out[start + i] = centred / divisor;
  }
}
