// ed25519 signatures over an update envelope's canonical bytes: what a site vouches for. Signed with tweetnacl;
// verified with node:crypto's native ed25519 (same algorithm, same bytes): measured on this project's 2-core machine,
// tweetnacl's pure-JS verify takes ~15 ms each and a site checking 64 leaves would spend ~1 s (6× decrypting a
// 1M-parameter aggregate), node:crypto ~0.3 ms each.
import { createPublicKey, verify } from 'node:crypto';
import nacl from 'tweetnacl';
import { canonicalJson } from '../canonicalJson.ts';
import type { UpdateEnvelope, UpdateEnvelopeFields } from './protocolTypes.ts';

// A domain tag keeps an envelope signature from being valid for any other message a site key might sign.
const DOMAIN = 'medfl/v1/UpdateEnvelope';

/** The exact bytes signed: canonical JSON (RFC 8785) of the tagged envelope fields, signature excluded. */
export function envelopeSigningBytes(fields: UpdateEnvelopeFields): Uint8Array {
  const { runId, round, attempt, site, examples, codecId, digest, chunkCount } = fields;
  const maskedFingerprint = `0x${Buffer.from(fields.maskedFingerprint).toString('hex')}`;
  const text = canonicalJson({ domain: DOMAIN, runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export function signEnvelope(fields: UpdateEnvelopeFields, signingSecretKey: Uint8Array): UpdateEnvelope {
  const { runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint } = fields;
  const signature = nacl.sign.detached(envelopeSigningBytes(fields), signingSecretKey);
  return { runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint, signature };
}

/** True when `envelope.signature` is the ed25519 signature of its fields by `signingPublicKey` (32 bytes). */
export function isEnvelopeSignatureValid(envelope: UpdateEnvelope, signingPublicKey: Uint8Array): boolean {
  if (envelope.signature.length !== nacl.sign.signatureLength || signingPublicKey.length !== nacl.sign.publicKeyLength) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(signingPublicKey).toString('base64url') }, format: 'jwk' });
    return verify(null, envelopeSigningBytes(envelope), key, envelope.signature);
  } catch {
    // A 32-byte string that is not a curve point: no signature verifies under it.
    return false;
  }
}
