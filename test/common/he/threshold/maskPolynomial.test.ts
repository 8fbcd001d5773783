import { describe, expect, it } from 'vitest';
import { splitPrime } from '../../../../common/he/coefficientPacking.ts';
import { maskPolynomial } from '../../../../common/he/threshold/maskPolynomial.ts';

const qBig = (1n << 50n) - 27n;
const q = splitPrime(qBig);
const key = new Uint8Array(32).fill(3);

describe('maskPolynomial', () => {
  it('is N residues below q, spread over the whole range, the same for the same key and info, other for other info', () => {
    const mask = maskPolynomial(key, 'chunk 0', 4096, 50, q);
    const residues = new BigUint64Array(mask.buffer);
    expect(residues.length).toBe(4096);
    expect(residues.every((v) => v < qBig)).toBe(true);
    const upperHalf = residues.filter((v) => v >= qBig / 2n).length / residues.length;
    expect(Math.abs(upperHalf - 0.5)).toBeLessThan(0.04);
    expect(maskPolynomial(key, 'chunk 0', 4096, 50, q)).toEqual(mask);
    expect(maskPolynomial(key, 'chunk 1', 4096, 50, q)).not.toEqual(mask);
  });

  it('refuses a mask key that is not 32 bytes with KEY_INVALID', () => {
    expect(() => maskPolynomial(new Uint8Array(16), 'chunk 0', 4096, 50, q)).toThrow('the aggregate mask key is 32 bytes, got 16');
  });
});
