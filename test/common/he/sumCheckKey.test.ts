import { describe, expect, it } from 'vitest';
import { CHALLENGES } from '../../../common/he/challengeVectors.ts';
import { deriveSumCheckKey, fingerprintMask } from '../../../common/he/sumCheckKey.ts';

const secret = new Uint8Array(100).fill(1);
const attempt = { runId: 'r', round: 2, attempt: 0 };
const digest = `0x${'ab'.repeat(32)}` as const;
const q = (1n << 49n) - 81n;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sumCheckKey', () => {
  it('derives a different key per attempt, codec and secret key, with apart challenge and mask subkeys', () => {
    const key = deriveSumCheckKey(secret, '0xc0dec', attempt);
    expect(hex(key.challengeKey)).not.toBe(hex(key.maskKey));
    const others = [
      deriveSumCheckKey(secret, '0xc0dec', { ...attempt, attempt: 1 }), deriveSumCheckKey(secret, '0xc0dec', { ...attempt, round: 3 }),
      deriveSumCheckKey(secret, '0xc0dec', { ...attempt, runId: 's' }), deriveSumCheckKey(secret, '0xother', attempt),
      deriveSumCheckKey(new Uint8Array(100).fill(2), '0xc0dec', attempt),
    ];
    for (const other of others) expect(hex(other.challengeKey)).not.toBe(hex(key.challengeKey));
    expect(hex(deriveSumCheckKey(secret, '0xc0dec', attempt).challengeKey)).toBe(hex(key.challengeKey));
  });

  it('masks each site and each upload of it apart, with CHALLENGES values below q', () => {
    const key = deriveSumCheckKey(secret, '0xc0dec', attempt);
    const mask = fingerprintMask(key, 'site-a', digest, q);
    expect(mask).toHaveLength(CHALLENGES);
    expect(mask.every((value) => value >= 0n && value < q)).toBe(true);
    expect(new Set(mask).size).toBe(CHALLENGES);
    expect(fingerprintMask(key, 'site-a', digest, q)).toEqual(mask);
    expect(fingerprintMask(key, 'site-b', digest, q)[0]).not.toBe(mask[0]);
    expect(fingerprintMask(key, 'site-a', `0x${'cd'.repeat(32)}`, q)[0]).not.toBe(mask[0]);
  });
});
