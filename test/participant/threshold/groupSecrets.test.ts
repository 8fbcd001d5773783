import { describe, expect, it } from 'vitest';
import { deriveSumCheckKey } from '../../../common/he/sumCheckKey.ts';
import { aggregateMaskKey, groupContribution, groupSecret } from '../../../participant/threshold/groupSecrets.ts';

const consortium = { sites: ['site-a', 'site-b', 'site-c'].map((id) => ({ id })) };
const seeds = { 'site-a': new Uint8Array(32).fill(1), 'site-b': new Uint8Array(32).fill(2), 'site-c': new Uint8Array(32).fill(3) };
const attempt = { runId: '4', round: 2, attempt: 1 };

/** What one site holds: its own g and those the other key holders sent, in whatever order they arrived. */
const held = (order: readonly (keyof typeof seeds)[]) => new Map(order.map((id) => [id, groupContribution(seeds[id], '4')]));

describe('groupSecrets', () => {
  it('gives every site the same G, sum-check key and mask key for the same key holders, whatever order it holds them in', () => {
    const atA = groupSecret(consortium, ['site-a', 'site-c'], held(['site-a', 'site-c']));
    const atC = groupSecret(consortium, ['site-c', 'site-a'], held(['site-c', 'site-b', 'site-a']));
    expect(atC).toEqual(atA);
    expect(deriveSumCheckKey(atC, 'codec', attempt)).toEqual(deriveSumCheckKey(atA, 'codec', attempt));
    expect(aggregateMaskKey(atC, 'codec', attempt)).toEqual(aggregateMaskKey(atA, 'codec', attempt));
    expect(aggregateMaskKey(atA, 'codec', attempt)).toHaveLength(32);
  });

  it('changes with the key holders, the run, and the attempt', () => {
    const all = held(['site-a', 'site-b', 'site-c']);
    const two = groupSecret(consortium, ['site-a', 'site-c'], all);
    expect(groupSecret(consortium, ['site-a', 'site-b', 'site-c'], all)).not.toEqual(two);
    expect(groupContribution(seeds['site-a'], '5')).not.toEqual(groupContribution(seeds['site-a'], '4'));
    expect(aggregateMaskKey(two, 'codec', { ...attempt, attempt: 2 })).not.toEqual(aggregateMaskKey(two, 'codec', attempt));
    expect(aggregateMaskKey(two, 'codec', attempt)).not.toEqual(deriveSumCheckKey(two, 'codec', attempt).maskKey);
  });

  it('names a key holder whose g it does not hold (KEY_SHARES_MISSING)', () => {
    expect(() => groupSecret(consortium, ['site-a', 'site-b'], held(['site-a']))).toThrow(expect.objectContaining({
      code: 'KEY_SHARES_MISSING', message: 'this site holds no key share from key holder site-b yet', details: { from: 'site-b' },
    }));
  });
});
