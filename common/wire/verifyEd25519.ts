// ed25519 verification with node:crypto's native ed25519 (the same algorithm and bytes tweetnacl signs): measured on
// this project's 2-core machine, tweetnacl's pure-JS verify takes ~15 ms each and a site checking 64 leaves would spend
// ~1 s (6× decrypting a 1M-parameter aggregate), node:crypto ~0.3 ms each.
import { createPublicKey, verify } from 'node:crypto';
import nacl from 'tweetnacl';

/** True when `signature` is the ed25519 signature of `message` by `signingPublicKey` (32 bytes). */
export function verifyEd25519(message: Uint8Array, signature: Uint8Array, signingPublicKey: Uint8Array): boolean {
  if (signature.length !== nacl.sign.signatureLength || signingPublicKey.length !== nacl.sign.publicKeyLength) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(signingPublicKey).toString('base64url') }, format: 'jwk' });
    return verify(null, message, key, signature);
  } catch {
    // A 32-byte string that is not a curve point: no signature verifies under it.
    return false;
  }
}
