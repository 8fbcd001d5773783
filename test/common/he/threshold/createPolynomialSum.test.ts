import { describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../../../common/he/ckksParameters.ts';
import { createPolynomialSum } from '../../../../common/he/threshold/createPolynomialSum.ts';
import { decodeCiphertext, encodeCiphertext } from '../../../../common/he/wireCiphertext.ts';
import { openCkksContext } from '../../../../common/he/ckksContext.ts';

const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 3, clipNorm: 1, maxExamples: 1000, threshold: 2 });
const N = params.polyModulusDegree;

async function prime(): Promise<bigint> {
  const ckks = await openCkksContext(params);
  ckks.dispose();
  return (BigInt(ckks.prime.hi) << 32n) | BigInt(ckks.prime.lo);
}

/** An upload of chunkCount chunks (3 here), chunk 0 from `first`, the others from `rest`. */
const upload = (first: bigint[], rest: bigint[]) => Array.from({ length: params.chunkCount }, (_, i) => chunk(i === 0 ? first : rest));
const chunk = (values: bigint[]) => encodeCiphertext(params, 'crs', new Uint8Array(BigUint64Array.from({ length: N }, (_, i) => values[i % values.length]!).buffer));

describe('createPolynomialSum', () => {
  it('adds crs chunks coefficient-wise mod q, wrapping around the prime', async () => {
    const q = await prime();
    const sum = await createPolynomialSum(params);
    sum.fold(upload([q - 1n, 5n], [q - 1n, 5n]));
    sum.fold(upload([3n, q - 2n], [1n, 0n]));
    expect(sum.count).toBe(2);
    const [first, second] = sum.serialize().map((bytes) => new BigUint64Array(decodeCiphertext(params, { lo: 0, hi: 2 ** 30 }, 'sum', bytes, 'crs').c0.buffer));
    expect([first![0], first![1], second![0], second![1]]).toEqual([2n, 3n, 0n, 5n]);
  });

  it('refuses a malformed chunk before it counts, a wrong chunk count, and more uploads than its limit', async () => {
    const q = await prime();
    const sum = await createPolynomialSum(params, 1);
    expect(() => sum.validateChunk(0, chunk([q]))).toThrow('chunk 0 has c0 coefficient 0 at or above the prime');
    expect(() => sum.fold(upload([1n], [q]))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    expect(sum.count).toBe(0);
    expect(() => sum.fold([chunk([1n])])).toThrow(`the upload has 1 chunks; the codec expects ${params.chunkCount}`);
    sum.fold(upload([1n], [2n]));
    expect(() => sum.fold(upload([1n], [2n]))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
  });
});
