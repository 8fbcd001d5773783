import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { openSealedSecretKey, sealSecretKeyForSite } from '../../../common/he/sealSecretKey.ts';

describe('sealSecretKeyForSite', () => {
  const site = nacl.box.keyPair.fromSecretKey(new Uint8Array(32).fill(9));
  const key = Uint8Array.from({ length: 300 }, (_, i) => i & 255);

  it('opens only with the site key it was sealed for', () => {
    const sealed = sealSecretKeyForSite(key, site.publicKey, '0xc0dec');
    expect(Buffer.from(openSealedSecretKey(sealed, site.secretKey)).equals(Buffer.from(key))).toBe(true);
    const stranger = nacl.box.keyPair.fromSecretKey(new Uint8Array(32).fill(8));
    expect(() => openSealedSecretKey(sealed, stranger.secretKey)).toThrow(expect.objectContaining({ code: 'KEY_SEAL_OPEN_FAILED' }));
  });

  it('detects an altered box and refuses malformed keys', () => {
    const sealed = sealSecretKeyForSite(key, site.publicKey, '0xc0dec');
    const box = Buffer.from(sealed.box, 'base64');
    box[20] = (box[20] ?? 0) ^ 1;
    expect(() => openSealedSecretKey({ ...sealed, box: box.toString('base64') }, site.secretKey)).toThrow(expect.objectContaining({ code: 'KEY_SEAL_OPEN_FAILED' }));
    expect(() => sealSecretKeyForSite(key, new Uint8Array(5), '0xc0dec')).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
    expect(() => openSealedSecretKey(sealed, new Uint8Array(5))).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });

  it('uses a fresh ephemeral key and nonce each time', () => {
    const a = sealSecretKeyForSite(key, site.publicKey, '0xc0dec');
    const b = sealSecretKeyForSite(key, site.publicKey, '0xc0dec');
    expect(a.ephemeralPublicKey).not.toBe(b.ephemeralPublicKey);
    expect(a.nonce).not.toBe(b.nonce);
  });
});
