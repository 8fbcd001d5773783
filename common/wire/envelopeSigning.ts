// ed25519 (tweetnacl) signatures over an update envelope's canonical bytes: what a site vouches for.
import nacl from 'tweetnacl';
import { canonicalJson } from '../canonicalJson.ts';
import type { UpdateEnvelope, UpdateEnvelopeFields } from './protocolTypes.ts';

// A domain tag keeps an envelope signature from being valid for any other message a site key might sign.
const DOMAIN = 'medfl/v1/UpdateEnvelope';

/** The exact bytes signed: canonical JSON (RFC 8785) of the tagged envelope fields, signature excluded. */
export function envelopeSigningBytes(fields: UpdateEnvelopeFields): Uint8Array {
  const { runId, round, attempt, site, examples, codecId, digest, chunkCount } = fields;
  const text = canonicalJson({ domain: DOMAIN, runId, round, attempt, site, examples, codecId, digest, chunkCount });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export function signEnvelope(fields: UpdateEnvelopeFields, signingSecretKey: Uint8Array): UpdateEnvelope {
  const { runId, round, attempt, site, examples, codecId, digest, chunkCount } = fields;
  const signature = nacl.sign.detached(envelopeSigningBytes(fields), signingSecretKey);
  return { runId, round, attempt, site, examples, codecId, digest, chunkCount, signature };
}

/** True when `envelope.signature` is the ed25519 signature of its fields by `signingPublicKey` (32 bytes). */
export function isEnvelopeSignatureValid(envelope: UpdateEnvelope, signingPublicKey: Uint8Array): boolean {
  if (envelope.signature.length !== nacl.sign.signatureLength || signingPublicKey.length !== nacl.sign.publicKeyLength) return false;
  return nacl.sign.detached.verify(envelopeSigningBytes(envelope), envelope.signature, signingPublicKey);
}
