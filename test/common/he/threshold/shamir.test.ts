import { describe, expect, it } from 'vitest';
import { addShares, lagrangeAtZero, scaleShare, shareSecret } from '../../../../common/he/threshold/shamir.ts';

const q = (1n << 50n) - 27n; // a 50-bit prime
const secret = BigUint64Array.from({ length: 64 }, (_, i) => (BigInt(i) * 0x9e3779b97f4a7c15n) % q);
const points = [1, 2, 3, 4, 5];

/** Σ_j λ_j·share_j over the given share indices. */
function reconstruct(shares: BigUint64Array[], chosen: number[]): BigUint64Array {
  const lambdas = lagrangeAtZero(chosen.map((j) => points[j]!), q);
  return addShares(chosen.map((j, k) => scaleShare(shares[j]!, lambdas[k]!, q)), q);
}

describe('Shamir over Z_q, coefficient-wise', () => {
  it('rebuilds the secret from every subset of t = 3 of 5 shares, and from more than t', () => {
    const shares = shareSecret(secret, q, 3, points);
    for (const chosen of [[0, 1, 2], [0, 2, 4], [1, 3, 4], [2, 3, 4], [0, 1, 2, 3, 4]]) expect(reconstruct(shares, chosen)).toEqual(secret);
  });

  it('gives a wrong secret from t − 1 shares plus any guessed share (here a zero and a copy of another point\'s value)', () => {
    const shares = shareSecret(secret, q, 3, points);
    const guessed = [shares[0]!, shares[1]!, new BigUint64Array(secret.length)];
    expect(reconstruct(guessed, [0, 1, 2])).not.toEqual(secret);
    expect(reconstruct([shares[0]!, shares[1]!, shares[1]!], [0, 1, 2])).not.toEqual(secret);
  });

  it('draws fresh randomness: two sharings of one secret differ at every point', () => {
    const a = shareSecret(secret, q, 2, points);
    const b = shareSecret(secret, q, 2, points);
    points.forEach((_, j) => expect(a[j]).not.toEqual(b[j]));
  });

  it('with t = 1 every share is the secret itself (no protection: the positive control of the collusion test)', () => {
    for (const share of shareSecret(secret, q, 1, points)) expect(share).toEqual(secret);
  });

  it('has Lagrange coefficients at 0 that sum to 1 mod q (they rebuild the constant polynomial 1) for any point set', () => {
    for (const set of [[1, 2, 3], [2, 5, 9], [1, 64], [7]]) {
      expect(lagrangeAtZero(set, q).reduce((a, b) => (a + b) % q, 0n)).toBe(1n);
    }
  });

  it('shares a sum: adding every site\'s shares at one point gives a share of the sum of secrets', () => {
    const other = BigUint64Array.from(secret, (v) => (v * 3n + 1n) % q);
    const a = shareSecret(secret, q, 3, points);
    const b = shareSecret(other, q, 3, points);
    const summed = points.map((_, j) => addShares([a[j]!, b[j]!], q));
    expect(reconstruct(summed, [0, 3, 4])).toEqual(addShares([secret, other], q));
  });

  it('refuses repeated or out-of-range points and a threshold above the share count', () => {
    expect(() => lagrangeAtZero([1, 1, 2], q)).toThrow('Shamir points must be distinct integers in 1..q−1, got [1, 1, 2]');
    expect(() => shareSecret(secret, q, 2, [0, 1])).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
    expect(() => shareSecret(secret, q, 4, [1, 2, 3])).toThrow('a Shamir threshold must be an integer in 1..3 (the share count), got 4');
  });
});
