// ed25519 signatures over a decryption share's canonical fields: what a decryptor vouches for, so a coordinator cannot
// change a share it relays (every site checks the folded shares against the signed fingerprints).
import nacl from 'tweetnacl';
import { signingBytes } from './signingBytes.ts';
import type { DecryptionShareEnvelope, DecryptionShareFields } from './protocolTypes.ts';
import { verifyEd25519 } from './verifyEd25519.ts';

// A domain tag keeps a share signature from being valid for an update envelope or any other message.
const DOMAIN = 'medfl/v1/DecryptionShareEnvelope';

/** The exact bytes signed: the tagged fields, signature excluded (signingBytes.ts). */
export function decryptionShareSigningBytes(fields: DecryptionShareFields): Uint8Array {
  const { runId, round, attempt, site, codecId, setHash, digest, chunkCount, maskedFingerprint } = fields;
  return signingBytes(DOMAIN, { runId, round, attempt, site, codecId, setHash, digest, chunkCount, maskedFingerprint });
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
