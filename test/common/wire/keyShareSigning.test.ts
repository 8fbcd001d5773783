import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { keyShareDigest, isKeyShareSignatureValid, signKeyShare } from '../../../common/wire/keyShareSigning.ts';

const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(5));
const fields = {
  runId: '7', codecId: 'ckks-n8192', fromSite: 'site-a', toSite: 'site-b', threshold: 3,
  payloadSealed: Uint8Array.from({ length: 40 }, (_, i) => i), nonce: new Uint8Array(24).fill(9),
};

describe('keyShareSigning', () => {
  it('signs a digest that binds every field and the sealed bytes, verifiable by node:crypto and tweetnacl alike', () => {
    const entry = signKeyShare(fields, keys.secretKey);
    expect(isKeyShareSignatureValid(entry, keys.publicKey)).toBe(true);
    const digest = Buffer.from(keyShareDigest(entry).slice(2), 'hex');
    expect(nacl.sign.detached.verify(digest, entry.signature, keys.publicKey)).toBe(true);
    expect(keyShareDigest({ ...fields })).toBe(keyShareDigest(entry));
  });

  it('refuses a re-addressed, re-thresholded or re-run entry, changed sealed bytes or nonce, and another key', () => {
    const entry = signKeyShare(fields, keys.secretKey);
    const flipped = entry.payloadSealed.slice();
    flipped[0] = 0xff;
    for (const changed of [
      { ...entry, toSite: 'site-c' }, { ...entry, fromSite: 'site-c' }, { ...entry, threshold: 2 }, { ...entry, runId: '8' },
      { ...entry, codecId: 'ckks-other' }, { ...entry, payloadSealed: flipped }, { ...entry, nonce: new Uint8Array(24).fill(8) },
    ]) {
      expect(isKeyShareSignatureValid(changed, keys.publicKey)).toBe(false);
      expect(keyShareDigest(changed)).not.toBe(keyShareDigest(entry));
    }
    expect(isKeyShareSignatureValid(entry, nacl.sign.keyPair().publicKey)).toBe(false);
  });
});
