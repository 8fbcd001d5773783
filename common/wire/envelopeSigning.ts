// ed25519 signatures over an update envelope's canonical bytes: what a site vouches for. Signed with tweetnacl;
// verified with node:crypto (verifyEd25519.ts says why).
import nacl from 'tweetnacl';
import { signingBytes } from './signingBytes.ts';
import type { UpdateEnvelope, UpdateEnvelopeFields } from './protocolTypes.ts';
import { verifyEd25519 } from './verifyEd25519.ts';

// A domain tag keeps an envelope signature from being valid for any other message a site key might sign.
const DOMAIN = 'medfl/v1/UpdateEnvelope';

/** The exact bytes signed: the tagged envelope fields, signature excluded (signingBytes.ts). */
export function envelopeSigningBytes(fields: UpdateEnvelopeFields): Uint8Array {
  const { runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint } = fields;
  return signingBytes(DOMAIN, { runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint });
}

export function signEnvelope(fields: UpdateEnvelopeFields, signingSecretKey: Uint8Array): UpdateEnvelope {
  const { runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint } = fields;
  const signature = nacl.sign.detached(envelopeSigningBytes(fields), signingSecretKey);
  return { runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint, signature };
}

/** True when `envelope.signature` is the ed25519 signature of its fields by `signingPublicKey` (32 bytes). */
export function isEnvelopeSignatureValid(envelope: UpdateEnvelope, signingPublicKey: Uint8Array): boolean {
  return verifyEd25519(envelopeSigningBytes(envelope), envelope.signature, signingPublicKey);
}
