import { describe, expect, it } from 'vitest';
import { decodeSharePayload, encodeSharePayload, sharePayloadBytes } from '../../../participant/threshold/sharePayload.ts';

describe('sharePayload', () => {
  it('is N little-endian uint64 residues then the 32-byte group contribution, and decodes to what was encoded', () => {
    const share = BigUint64Array.from([1n, 2n ** 60n - 1n, 258n, 0n]);
    const groupContribution = new Uint8Array(32).fill(7);
    const bytes = encodeSharePayload({ share, groupContribution });
    expect(bytes).toHaveLength(sharePayloadBytes(4));
    expect([...bytes.subarray(16, 24)]).toEqual([2, 1, 0, 0, 0, 0, 0, 0]);
    expect(decodeSharePayload(bytes, 4, 'site-b')).toEqual({ share, groupContribution });
  });

  it('refuses another length, naming the sender', () => {
    expect(() => decodeSharePayload(new Uint8Array(40), 4, 'site-b')).toThrow(expect.objectContaining({
      code: 'KEY_SHARE_INVALID', message: 'the key share from site-b holds 40 bytes, not 64', details: { from: 'site-b' },
    }));
  });
});
