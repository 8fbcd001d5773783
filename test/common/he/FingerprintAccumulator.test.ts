import { describe, expect, it } from 'vitest';
import { CHALLENGES, challengeCoordinates } from '../../../common/he/challengeVectors.ts';
import type { CkksContext } from '../../../common/he/ckksContext.ts';
import { joinPrime } from '../../../common/he/coefficientPacking.ts';
import { expandCiphertext } from '../../../common/he/expandCiphertext.ts';
import { FingerprintAccumulator } from '../../../common/he/FingerprintAccumulator.ts';
import { checkCiphertext } from '../../../common/he/validateCiphertext.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import { params, useSumCheckFixture, type SumCheckFixture } from './helpers/sumCheckFixture.ts';

const key = new Uint8Array(32).fill(9);
let fixture: SumCheckFixture;
let ckks: CkksContext;
useSumCheckFixture((built, context) => ([fixture, ckks] = [built, context]));

const word = (words: Uint32Array, k: number) => (BigInt(words[2 * k + 1]!) << 32n) | BigInt(words[2 * k]!);

describe('FingerprintAccumulator', () => {
  it('equals the BigInt inner product mod q for 60-bit coefficients, every limb and block boundary included', () => {
    const q = (1n << 60n) - 93n; // 60 bits, the largest prime a codec may use
    const degree = 4096;
    const random = seededRandom(5, 'limbs');
    const polynomial = () => {
      const words = new Uint32Array(2 * degree);
      for (let k = 0; k < degree; k++) {
        const value = k < 8 ? q - 1n - BigInt(k) : ((BigInt(random.uint32()) << 32n) | BigInt(random.uint32())) % q;
        words[2 * k] = Number(value & 0xffffffffn);
        words[2 * k + 1] = Number(value >> 32n);
      }
      return words;
    };
    const chunks = [0, 1].map(() => [polynomial(), polynomial()] as const);
    const accumulator = new FingerprintAccumulator(key, q, degree);
    chunks.forEach(([c0, c1], chunk) => accumulator.add(chunk, c0, c1));
    const reference = Array.from({ length: CHALLENGES }, () => 0n);
    chunks.forEach((polynomials, chunk) => polynomials.forEach((words, poly) => {
      const r = challengeCoordinates(key, chunk, poly, degree);
      for (let j = 0; j < CHALLENGES; j++) {
        for (let k = 0; k < degree; k++) reference[j] = (reference[j]! + BigInt(r[j * degree + k]!) * word(words, k)) % q;
      }
    }));
    expect(accumulator.values()).toEqual(reference);
  });

  it('of the keyless fold equals the sum of the sites\' fingerprints mod q (real SEAL ciphertexts)', async () => {
    const q = joinPrime(ckks.prime);
    const n = params.polyModulusDegree;
    const ofChunks = (chunks: readonly Uint8Array[], kind: 'seeded' | 'full') => {
      const accumulator = new FingerprintAccumulator(key, q, n);
      chunks.forEach((bytes, i) => {
        const decoded = checkCiphertext(ckks, `chunk ${i}`, bytes, kind);
        const { c0, c1 } = kind === 'seeded' ? expandCiphertext(ckks, `chunk ${i}`, decoded) : { c0: decoded.c0, c1: decoded.c1! };
        accumulator.add(i, c0, c1);
      });
      return accumulator.values();
    };
    const sites = fixture.updates.map((chunks) => ofChunks(chunks, 'seeded'));
    const summed = sites.reduce((a, b) => a.map((value, j) => (value + b[j]!) % q));
    expect(ofChunks(await fixture.fold([0, 1, 2]), 'full')).toEqual(summed);
  });
});
