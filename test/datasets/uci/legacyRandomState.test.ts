import { describe, expect, it } from 'vitest';
import { legacyRandomState } from '../../../datasets/uci/legacyRandomState.ts';

// Reference values printed by NumPy 2.4 (np.random.RandomState(seed).permutation(n)) and the MT19937 paper.
describe('legacyRandomState', () => {
  it('is MT19937 seeded like init_genrand (first output for seed 5489)', () => {
    expect(legacyRandomState(5489).uint32()).toBe(3499211612);
  });

  it('permutes exactly as numpy.random.RandomState does', () => {
    expect(legacyRandomState(42).permutation(10)).toEqual([8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
    expect(legacyRandomState(0).permutation(10)).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    expect(legacyRandomState(43).permutation(303).slice(0, 12)).toEqual([242, 130, 208, 160, 124, 45, 203, 82, 15, 170, 205, 64]);
  });

  it('draws bounded integers by masked rejection, never above the bound', () => {
    const rng = legacyRandomState(1);
    for (let i = 0; i < 1000; i += 1) expect(rng.interval(5)).toBeLessThanOrEqual(5);
    expect(rng.interval(0)).toBe(0);
  });
});
