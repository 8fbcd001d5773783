import { describe, expect, it } from 'vitest';
import { openCkksContext } from '../../../../common/he/ckksContext.ts';
import { chooseCkksParameters } from '../../../../common/he/ckksParameters.ts';
import { joinPrime } from '../../../../common/he/coefficientPacking.ts';
import { crsPolynomial, crsPolynomials } from '../../../../common/he/threshold/crsPolynomial.ts';

const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 5, clipNorm: 1, maxExamples: 1000, threshold: 3 });
const attempt = { runId: 'run-crs', round: 1, attempt: 0 };

describe('crsPolynomial', () => {
  it('is bit-identical in two independent contexts, differs per chunk and per attempt, and is below q', async () => {
    const [one, two] = await Promise.all([openCkksContext(params), openCkksContext(params)]);
    try {
      const a = crsPolynomial(one, attempt, 1);
      expect(a).toEqual(crsPolynomial(two, attempt, 1));
      expect(a.length).toBe(8 * params.polyModulusDegree);
      expect(a).not.toEqual(crsPolynomial(one, attempt, 0));
      expect(a).not.toEqual(crsPolynomial(one, { ...attempt, attempt: 1 }, 1));
      expect(a).not.toEqual(crsPolynomial(one, { ...attempt, round: 2 }, 1));
      const q = joinPrime(one.prime);
      const residues = new BigUint64Array(a.slice().buffer);
      expect(residues.every((v) => v < q)).toBe(true);
      // Uniform mod q: the top bit of q's width is set in about 1 − 2^(bits−1)/q of residues (≈ half).
      const top = 1n << BigInt(params.primeBits - 1);
      expect(residues.filter((v) => v >= top).length / residues.length).toBeGreaterThan(0.4);
      expect([...crsPolynomials(one, attempt)]).toHaveLength(params.chunkCount);
    } finally {
      one.dispose();
      two.dispose();
    }
  });
});
