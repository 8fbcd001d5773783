import { describe, expect, it } from 'vitest';
import { decodeFingerprint, encodeFingerprint, FINGERPRINT_BYTES } from '../../../common/he/fingerprintBytes.ts';

const q = (1n << 49n) - 81n;

describe('fingerprintBytes', () => {
  it('round-trips CHALLENGES values as 8 little-endian bytes each', () => {
    const values = [0n, 1n, q - 1n, 123456789n];
    const bytes = encodeFingerprint(values);
    expect(bytes.length).toBe(FINGERPRINT_BYTES);
    expect(bytes[8]).toBe(1);
    expect(decodeFingerprint(bytes, q, 'x', 'UPDATE_INVALID')).toEqual(values);
  });

  it('refuses another length or a value at or above q, with the caller\'s code and label', () => {
    expect(() => decodeFingerprint(new Uint8Array(0), q, "site-a's fingerprint", 'ATTESTATION_INVALID')).toThrow(
      expect.objectContaining({ code: 'ATTESTATION_INVALID', message: "site-a's fingerprint is 0 bytes; a masked fingerprint is 4 values of 8 bytes (32)" }),
    );
    expect(() => decodeFingerprint(encodeFingerprint([1n, 2n, q, 3n]), q, 'the fingerprint', 'UPDATE_INVALID')).toThrow(
      expect.objectContaining({ code: 'UPDATE_INVALID', message: 'the fingerprint has value 2 at or above the prime' }),
    );
  });
});
