import { describe, expect, it } from 'vitest';
import { splitPrime } from '../../../../common/he/coefficientPacking.ts';
import { addInto, subtractInto } from '../../../../common/he/threshold/modularPolynomials.ts';

const qBig = (1n << 59n) - 55n;
const q = splitPrime(qBig);
const values = [0n, 1n, 2n ** 32n - 1n, 2n ** 32n, qBig / 2n, qBig - 2n, qBig - 1n];
const words = (list: bigint[]) => new Uint32Array(BigUint64Array.from(list).buffer);
const back = (w: Uint32Array) => [...new BigUint64Array(w.buffer)];

describe('addInto / subtractInto', () => {
  it('agree with BigInt arithmetic mod q on carries, borrows and wrap-around at every pair of edge values', () => {
    const a = values.flatMap((x) => values.map(() => x));
    const b = values.flatMap(() => values);
    const sum = words(a);
    addInto(sum, words(b), q);
    expect(back(sum)).toEqual(a.map((x, i) => (x + b[i]!) % qBig));
    const difference = words(a);
    subtractInto(difference, words(b), q);
    expect(back(difference)).toEqual(a.map((x, i) => (((x - b[i]!) % qBig) + qBig) % qBig));
  });
});
