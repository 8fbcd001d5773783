import { describe, expect, it } from 'vitest';
import { SMUDGE_SIGMAS } from '../../../../common/he/ckksParameters.ts';
import { splitPrime } from '../../../../common/he/coefficientPacking.ts';
import { smudgingPolynomial } from '../../../../common/he/threshold/smudgingPolynomial.ts';

const qBig = (1n << 50n) - 27n;
const q = splitPrime(qBig);
const seed = new Uint8Array(32).fill(5);
const centred = (bytes: Uint8Array) => [...new BigUint64Array(bytes.buffer)].map((v) => Number(v > qBig / 2n ? v - qBig : v));

describe('smudgingPolynomial', () => {
  it('is rounded Gaussian noise of σ, clamped at SMUDGE_SIGMAS·σ, deterministic per seed and request', () => {
    const sigma = 256;
    const bytes = smudgingPolynomial(seed, 'request', 8192, sigma, q);
    const noise = centred(bytes);
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length);
    expect(Math.abs(mean)).toBeLessThan(10); // σ/√N ≈ 2.8
    expect(Math.abs(sd / sigma - 1)).toBeLessThan(0.04);
    // Beyond 6σ has probability 2·10⁻⁹ per coefficient, so this pins the budget's bound, not the clamp's branch.
    expect(Math.max(...noise.map(Math.abs))).toBeLessThanOrEqual(SMUDGE_SIGMAS * sigma);
    expect(smudgingPolynomial(seed, 'request', 8192, sigma, q)).toEqual(bytes);
    expect(smudgingPolynomial(seed, 'other request', 8192, sigma, q)).not.toEqual(bytes);
  });

});
