// The aggregate check's inner products <r_j, (c0, c1)> mod q over all chunks of an update or an aggregate, fed one
// chunk at a time. No BigInt per coefficient: each coefficient (< 2^60, as SEAL's uint32 halves) splits into three
// 21-bit limbs, limb·r products (< 2^42) are summed exactly in doubles over blocks of 2048, and only each block's three
// sums go through BigInt and mod q.
import { CHALLENGE_BITS, CHALLENGES, challengeCoordinates } from './challengeVectors.ts';

const BLOCK = 2048;
const LIMB = BigInt(CHALLENGE_BITS);
const LOW_LIMB = 2 ** CHALLENGE_BITS - 1;
const MIDDLE_FROM_HI = 2 ** (2 * CHALLENGE_BITS - 32) - 1; // the 10 bits of the high half below limb 2
/** addBlock is written out for exactly four challenges: this stops compiling if CHALLENGES changes. */
const UNROLLED_CHALLENGES: 4 = CHALLENGES;

export class FingerprintAccumulator {
  private readonly sums: bigint[] = Array.from({ length: CHALLENGES }, () => 0n);
  /** One block's exact limb sums: challenge j's limb k at 3j + k. */
  private readonly block = new Float64Array(3 * UNROLLED_CHALLENGES);

  constructor(
    private readonly challengeKey: Uint8Array,
    private readonly q: bigint,
    private readonly degree: number,
  ) {}

  /**
   * Adds chunk `chunk`'s polynomials, each 2·degree uint32 halves (low, high) of coefficients below q. Threshold CKKS
   * ciphertexts travel as c0 alone (wire kind crs: c1 is the attempt's common random polynomial), so c1 is optional.
   */
  add(chunk: number, c0: Uint32Array, c1?: Uint32Array): void {
    this.addPolynomial(chunk, 0, c0);
    if (c1) this.addPolynomial(chunk, 1, c1);
  }

  /** <r_j, everything added> mod q, for j = 0..CHALLENGES-1. */
  values(): bigint[] {
    return [...this.sums];
  }

  private addPolynomial(chunk: number, polynomial: number, words: Uint32Array): void {
    const { degree } = this;
    const r = challengeCoordinates(this.challengeKey, chunk, polynomial, degree);
    for (let start = 0; start < degree; start += BLOCK) {
      this.addBlock(words, r, start, Math.min(degree, start + BLOCK));
      this.reduceBlock();
    }
  }

  /**
   * One pass over the block: each coefficient's limbs are split once and met with every challenge's row, twelve exact
   * running sums in locals (written out: measured ~2× faster than a limb array per polynomial and a loop per challenge).
   */
  private addBlock(words: Uint32Array, r: Uint32Array, start: number, end: number): void {
    const n = this.degree;
    let a0 = 0, a1 = 0, a2 = 0, b0 = 0, b1 = 0, b2 = 0, c0 = 0, c1 = 0, c2 = 0, d0 = 0, d1 = 0, d2 = 0;
    for (let i = start; i < end; i++) {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]!;
      const l0 = lo & LOW_LIMB;
      const l1 = (lo >>> CHALLENGE_BITS) | ((hi & MIDDLE_FROM_HI) << (32 - CHALLENGE_BITS));
      const l2 = hi >>> (2 * CHALLENGE_BITS - 32);
      const ra = r[i]!;
      const rb = r[n + i]!;
      const rc = r[2 * n + i]!;
      const rd = r[3 * n + i]!;
      a0 += l0 * ra; a1 += l1 * ra; a2 += l2 * ra;
      b0 += l0 * rb; b1 += l1 * rb; b2 += l2 * rb;
      c0 += l0 * rc; c1 += l1 * rc; c2 += l2 * rc;
      d0 += l0 * rd; d1 += l1 * rd; d2 += l2 * rd;
    }
    this.block.set([a0, a1, a2, b0, b1, b2, c0, c1, c2, d0, d1, d2]);
  }

  private reduceBlock(): void {
    const { block } = this;
    for (let j = 0; j < UNROLLED_CHALLENGES; j++) {
      const limbs = BigInt(block[3 * j]!) + (BigInt(block[3 * j + 1]!) << LIMB) + (BigInt(block[3 * j + 2]!) << (2n * LIMB));
      this.sums[j] = (this.sums[j]! + limbs) % this.q;
    }
  }
}
