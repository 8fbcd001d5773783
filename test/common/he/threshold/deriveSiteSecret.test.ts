import { describe, expect, it } from 'vitest';
import { openCkksContext } from '../../../../common/he/ckksContext.ts';
import { chooseCkksParameters } from '../../../../common/he/ckksParameters.ts';
import { loadCkksSecretKey } from '../../../../common/he/ckksSecretKey.ts';
import { joinPrime } from '../../../../common/he/coefficientPacking.ts';
import { nttTransform } from '../../../../common/he/nttTransform.ts';
import { deriveSiteSecret } from '../../../../common/he/threshold/deriveSiteSecret.ts';

const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 5, clipNorm: 1, maxExamples: 1000, threshold: 3 });

describe('deriveSiteSecret', () => {
  it('derives the same uniform ternary secret from the same seed, another from another seed, as a loadable SEAL key', async () => {
    const ckks = await openCkksContext(params);
    try {
      const secret = deriveSiteSecret(ckks, new Uint8Array(32).fill(1));
      expect(deriveSiteSecret(ckks, new Uint8Array(32).fill(1)).keyBytes).toEqual(secret.keyBytes);
      expect(deriveSiteSecret(ckks, new Uint8Array(32).fill(2)).residues).not.toEqual(secret.residues);
      loadCkksSecretKey(ckks, secret.keyBytes).delete();
      const bytes = new Uint8Array(secret.residues.buffer);
      const [coefficients] = nttTransform(ckks, [bytes], false);
      const q = joinPrime(ckks.prime);
      const counts = { '-1': 0, '0': 0, '1': 0 };
      for (const v of new BigUint64Array(coefficients!.slice().buffer)) {
        const key = v === 0n ? '0' : v === 1n ? '1' : v === q - 1n ? '-1' : 'other';
        expect(key).not.toBe('other');
        counts[key as keyof typeof counts] += 1;
      }
      // Each value a third of N = 2048 (σ ≈ 21): all within 5σ.
      for (const count of Object.values(counts)) expect(Math.abs(count - params.polyModulusDegree / 3)).toBeLessThan(110);
    } finally {
      ckks.dispose();
    }
  });

  it('refuses a seed that is not 32 bytes with KEY_INVALID', async () => {
    const ckks = await openCkksContext(params);
    try {
      expect(() => deriveSiteSecret(ckks, new Uint8Array(16))).toThrow("a site's CKKS seed is 32 bytes, got 16");
    } finally {
      ckks.dispose();
    }
  });
});
