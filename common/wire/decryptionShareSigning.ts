// ed25519 signatures over a decryption share's canonical fields: what a decryptor vouches for, so a coordinator cannot
// change a share it relays (every site checks the folded shares against the signed fingerprints).
import nacl from 'tweetnacl';
import { canonicalJson } from '../canonicalJson.ts';
import type { DecryptionShareEnvelope, DecryptionShareFields } from './protocolTypes.ts';
import { verifyEd25519 } from './verifyEd25519.ts';

// A domain tag keeps a share signature from being valid for an update envelope or any other message.
const DOMAIN = 'medfl/v1/DecryptionShareEnvelope';

/** The exact bytes signed: canonical JSON (RFC 8785) of the tagged fields, signature excluded. */
export function decryptionShareSigningBytes(fields: DecryptionShareFields): Uint8Array {
  const { runId, round, attempt, site, codecId, setHash, digest, chunkCount } = fields;
  const maskedFingerprint = `0x${Buffer.from(fields.maskedFingerprint).toString('hex')}`;
  const text = canonicalJson({ domain: DOMAIN, runId, round, attempt, site, codecId, setHash, digest, chunkCount, maskedFingerprint });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export function signDecryptionShare(fields: DecryptionShareFields, signingSecretKey: Uint8Array): DecryptionShareEnvelope {
  const { runId, round, attempt, site, codecId, setHash, digest, chunkCount, maskedFingerprint } = fields;
  const signature = nacl.sign.detached(decryptionShareSigningBytes(fields), signingSecretKey);
  return { runId, round, attempt, site, codecId, setHash, digest, chunkCount, maskedFingerprint, signature };
}

/** True when `envelope.signature` is the ed25519 signature of its fields by `signingPublicKey` (32 bytes). */
export function isDecryptionShareSignatureValid(envelope: DecryptionShareEnvelope, signingPublicKey: Uint8Array): boolean {
  return verifyEd25519(decryptionShareSigningBytes(envelope), envelope.signature, signingPublicKey);
}
