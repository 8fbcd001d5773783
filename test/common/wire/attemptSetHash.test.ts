import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { attemptSetHash, type AttemptSets } from '../../../common/wire/attemptSetHash.ts';

const digest = (n: number): Hash32 => `0x${String(n).repeat(64).slice(0, 64)}`;

const sets: AttemptSets = {
  runId: '7',
  round: 3,
  attempt: 1,
  contributions: [{ site: 'site-b', digest: digest(2) }, { site: 'site-a', digest: digest(1) }],
  decryptors: ['site-c', 'site-a'],
};

describe('attemptSetHash', () => {
  it('is sha256 of the sets\' canonical JSON, sorted by site, as a 0x bytes32', () => {
    const text = '{"attempt":1,"contributions":[{"digest":"' + digest(1) + '","site":"site-a"},{"digest":"' + digest(2)
      + '","site":"site-b"}],"decryptors":["site-a","site-c"],"kind":"medfl.attemptSets.v1","round":3,"runId":"7"}';
    expect(attemptSetHash(sets)).toBe(`0x${createHash('sha256').update(text).digest('hex')}`);
    expect(attemptSetHash(sets)).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('does not depend on the order the sets arrive in, nor on extra fields of a contribution', () => {
    const reordered = { ...sets, contributions: [...sets.contributions].reverse().map((c) => ({ ...c, examples: 5 })), decryptors: ['site-a', 'site-c'] };
    expect(attemptSetHash(reordered)).toBe(attemptSetHash(sets));
  });

  it('orders sites by code units, not by locale', () => {
    const mixed = { ...sets, decryptors: ['b', 'B', 'a'] };
    expect(attemptSetHash(mixed)).toBe(attemptSetHash({ ...sets, decryptors: ['B', 'a', 'b'] }));
    expect(attemptSetHash(mixed)).not.toBe(attemptSetHash({ ...sets, decryptors: ['a', 'b'] }));
  });

  it('changes with every field: a site dropped from either set, a digest, the attempt, the round, the run', () => {
    const variants: AttemptSets[] = [
      { ...sets, contributions: sets.contributions.slice(0, 1) },
      { ...sets, decryptors: ['site-a'] },
      { ...sets, contributions: [{ site: 'site-a', digest: digest(3) }, sets.contributions[0]!] },
      { ...sets, attempt: 2 },
      { ...sets, round: 4 },
      { ...sets, runId: '8' },
    ];
    const hashes = new Set([sets, ...variants].map(attemptSetHash));
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('refuses a site listed twice in either set', () => {
    expect(() => attemptSetHash({ ...sets, decryptors: ['site-a', 'site-c', 'site-a'] })).toThrow(
      expect.objectContaining({ code: 'WIRE_INVALID', message: 'site site-a is listed twice among the attempt\'s decryptors' }),
    );
    const twice = [...sets.contributions, { site: 'site-b', digest: digest(4) }];
    expect(() => attemptSetHash({ ...sets, contributions: twice })).toThrow(
      expect.objectContaining({ code: 'WIRE_INVALID', message: 'site site-b is listed twice among the attempt\'s contributions' }),
    );
  });
});
