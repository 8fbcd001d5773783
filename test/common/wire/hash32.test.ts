import { describe, expect, it } from 'vitest';
import { hash32 } from '../../../common/wire/hash32.ts';

describe('hash32', () => {
  it('accepts 0x and 64 lower-case hex digits, and nothing else', () => {
    const valid = `0x${'ab'.repeat(32)}`;
    expect(hash32.parse(valid)).toBe(valid);
    for (const invalid of [`0x${'AB'.repeat(32)}`, `0x${'ab'.repeat(31)}`, 'ab'.repeat(32), `0x${'ab'.repeat(32)}00`, 42]) {
      expect(hash32.safeParse(invalid).success).toBe(false);
    }
  });

  it('says what a hash must look like', () => {
    expect(hash32.safeParse('0x12').error?.issues[0]?.message).toBe('a 0x-prefixed lower-case 32-byte hex hash');
  });
});
