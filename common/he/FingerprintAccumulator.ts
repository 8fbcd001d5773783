// The aggregate check's inner products <r_j, (c0, c1)> mod q over all chunks of an update or an aggregate, fed one
// chunk at a time. No BigInt per coefficient: each coefficient (< 2^60, as SEAL's uint32 halves) splits into three
// 21-bit limbs, limb·r products (< 2^42) are summed exactly in doubles over blocks of 2048, and only each block's three
// sums go through BigInt and mod q.
import { CHALLENGE_BITS, CHALLENGES, challengeCoordinates } from './challengeVectors.ts';

const BLOCK = 2048;
const LIMB = BigInt(CHALLENGE_BITS);
const LOW_LIMB = 2 ** CHALLENGE_BITS - 1;
const MIDDLE_FROM_HI = 2 ** (2 * CHALLENGE_BITS - 32) - 1; // the 10 bits of the high half below limb 2

export class FingerprintAccumulator {
  private readonly sums: bigint[] = Array.from({ length: CHALLENGES }, () => 0n);
  private readonly limbs: Float64Array[];

  constructor(
    private readonly challengeKey: Uint8Array,
    private readonly q: bigint,
    private readonly degree: number,
  ) {
    this.limbs = [0, 1, 2].map(() => new Float64Array(degree));
  }

  /** Adds chunk `chunk`'s polynomials, each 2·degree uint32 halves (low, high) of coefficients below q. */
  add(chunk: number, c0: Uint32Array, c1: Uint32Array): void {
    this.addPolynomial(chunk, 0, c0);
    this.addPolynomial(chunk, 1, c1);
  }

  /** <r_j, everything added> mod q, for j = 0..CHALLENGES-1. */
  values(): bigint[] {
    return [...this.sums];
  }

  private addPolynomial(chunk: number, polynomial: number, words: Uint32Array): void {
    const { degree } = this;
    const [l0, l1, l2] = this.limbs as [Float64Array, Float64Array, Float64Array];
    for (let i = 0; i < degree; i++) {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]!;
      l0[i] = lo & LOW_LIMB;
      l1[i] = (lo >>> CHALLENGE_BITS) | ((hi & MIDDLE_FROM_HI) << (32 - CHALLENGE_BITS));
      l2[i] = hi >>> (2 * CHALLENGE_BITS - 32);
    }
    const r = challengeCoordinates(this.challengeKey, chunk, polynomial, degree);
    for (let j = 0; j < CHALLENGES; j++) {
      let total = this.sums[j]!;
      for (let start = 0; start < degree; start += BLOCK) {
        const row = j * degree;
        const end = Math.min(degree, start + BLOCK);
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        for (let i = start; i < end; i++) {
          const x = r[row + i]!;
          s0 += l0[i]! * x;
          s1 += l1[i]! * x;
          s2 += l2[i]! * x;
        }
        total += BigInt(s0) + (BigInt(s1) << LIMB) + (BigInt(s2) << (2n * LIMB));
      }
      this.sums[j] = total % this.q;
    }
  }
}
