import { describe, expect, it } from 'vitest';
import { CHALLENGE_BITS, CHALLENGES, challengeCoordinates } from '../../../common/he/challengeVectors.ts';

const key = new Uint8Array(32).fill(3);

describe('challengeVectors', () => {
  it('draws CHALLENGES rows of coordinates in [0, 2^21), deterministic in the key, apart per chunk and polynomial', () => {
    const r = challengeCoordinates(key, 4, 1, 2048);
    expect(r.length).toBe(CHALLENGES * 2048);
    expect(Math.max(...r)).toBeLessThan(2 ** CHALLENGE_BITS);
    expect(Math.max(...r)).toBeGreaterThan(2 ** CHALLENGE_BITS - 2 ** 12); // the full range is used
    expect(challengeCoordinates(key, 4, 1, 2048)).toEqual(r);
    for (const other of [challengeCoordinates(key, 4, 0, 2048), challengeCoordinates(key, 5, 1, 2048), challengeCoordinates(new Uint8Array(32), 4, 1, 2048)]) {
      expect(other.filter((value, i) => value === r[i]).length).toBeLessThan(5);
    }
    // Rows differ from each other: independent challenges, not one repeated.
    expect(r.subarray(0, 2048)).not.toEqual(r.subarray(2048, 4096));
  });
});
