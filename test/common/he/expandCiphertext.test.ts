import { describe, expect, it } from 'vitest';
import type { CkksContext } from '../../../common/he/ckksContext.ts';
import { expandCiphertext } from '../../../common/he/expandCiphertext.ts';
import { checkCiphertext } from '../../../common/he/validateCiphertext.ts';
import { useSumCheckFixture, type SumCheckFixture } from './helpers/sumCheckFixture.ts';

let fixture: SumCheckFixture;
let ckks: CkksContext;
useSumCheckFixture((built, context) => ([fixture, ckks] = [built, context]));

describe('expandCiphertext (real SEAL)', () => {
  it('gives a site\'s c0 and c1 bit for bit as the coordinator\'s keyless sum holds them after folding that update alone', async () => {
    const site = fixture.updates[1]!;
    const aggregate = await fixture.fold([1]);
    site.forEach((bytes, i) => {
      const expanded = expandCiphertext(ckks, `chunk ${i}`, checkCiphertext(ckks, `chunk ${i}`, bytes, 'seeded'));
      const coordinator = checkCiphertext(ckks, `aggregate ${i}`, aggregate[i]!, 'full');
      expect(expanded.c0).toEqual(coordinator.c0);
      expect(expanded.c1).toEqual(coordinator.c1);
      expect(expanded.c1.some((w) => w !== 0)).toBe(true);
    });
  });
});
