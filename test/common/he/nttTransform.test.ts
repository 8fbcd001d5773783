import { describe, expect, it } from 'vitest';
import { openCkksContext } from '../../../common/he/ckksContext.ts';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { carrierBatches, nttTransform } from '../../../common/he/nttTransform.ts';
import { CARRIER_POLYNOMIALS } from '../../../common/he/sealLayout.ts';

describe('nttTransform', () => {
  it('takes a full carrier of polynomials to NTT form and back bit for bit', async () => {
    const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 5, clipNorm: 1, maxExamples: 1000 });
    const ckks = await openCkksContext(params);
    try {
      const polynomials = Array.from({ length: CARRIER_POLYNOMIALS }, (_, k) => {
        const words = new Uint32Array(2 * params.polyModulusDegree);
        words[2 * k] = k + 1; // the monomial (k+1)·x^k
        return new Uint8Array(words.buffer);
      });
      const ntt = nttTransform(ckks, polynomials, true);
      expect(ntt[0]).not.toEqual(polynomials[0]);
      expect(nttTransform(ckks, ntt, false)).toEqual(polynomials);
    } finally {
      ckks.dispose();
    }
  });

  it('batches chunk indices CARRIER_POLYNOMIALS at a time', () => {
    expect(carrierBatches(31).map((batch) => batch.length)).toEqual([15, 15, 1]);
    expect(carrierBatches(31)[2]).toEqual([30]);
  });
});
