// The consortium's CKKS secret key sealed to one site's X25519 key with tweetnacl `box` (an ephemeral sender key
// per sealing), so it can be shipped in a site's kit and opened only by that site.
import nacl from 'tweetnacl';
import { MedflError } from '../MedflError.ts';

export interface SealedSecretKey {
  readonly format: 'medfl-ckks-key/1';
  readonly codecId: string;
  readonly ephemeralPublicKey: string;
  readonly nonce: string;
  readonly box: string;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export function sealSecretKeyForSite(secretKey: Uint8Array, sitePublicKeyX25519: Uint8Array, codecId: string): SealedSecretKey {
  if (sitePublicKeyX25519.length !== nacl.box.publicKeyLength) {
    throw new MedflError('KEY_INVALID', `a site's X25519 public key is ${nacl.box.publicKeyLength} bytes, got ${sitePublicKeyX25519.length}`);
  }
  const ephemeral = nacl.box.keyPair();
  const nonce = nacl.randomBytes(nacl.box.nonceLength);
  const box = nacl.box(secretKey, nonce, sitePublicKeyX25519, ephemeral.secretKey);
  ephemeral.secretKey.fill(0);
  return { format: 'medfl-ckks-key/1', codecId, ephemeralPublicKey: b64(ephemeral.publicKey), nonce: b64(nonce), box: b64(box) };
}

export function openSealedSecretKey(sealed: SealedSecretKey, siteSecretKeyX25519: Uint8Array): Uint8Array {
  if (siteSecretKeyX25519.length !== nacl.box.secretKeyLength) {
    throw new MedflError('KEY_INVALID', `a site's X25519 secret key is ${nacl.box.secretKeyLength} bytes, got ${siteSecretKeyX25519.length}`);
  }
  const ephemeral = unb64(sealed.ephemeralPublicKey);
  const nonce = unb64(sealed.nonce);
  const opened = ephemeral.length === nacl.box.publicKeyLength && nonce.length === nacl.box.nonceLength
    ? nacl.box.open(unb64(sealed.box), nonce, ephemeral, siteSecretKeyX25519)
    : null;
  if (opened === null) {
    throw new MedflError('KEY_SEAL_OPEN_FAILED', `the sealed CKKS key for codec ${sealed.codecId} does not open with this site's key: it was sealed for another site or altered`);
  }
  return opened;
}
