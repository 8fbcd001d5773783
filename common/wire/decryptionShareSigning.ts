// ed25519 signatures over a decryption share's canonical fields: what a decryptor vouches for, so a coordinator cannot
// change a share it relays (every site checks the folded shares against the signed fingerprints).
import { messageSigner } from './messageSigner.ts';
import type { DecryptionShareEnvelope, DecryptionShareFields } from './protocolTypes.ts';

// The domain tag keeps a share signature from being valid for an update envelope or any other message.
const signer = messageSigner<DecryptionShareFields>('medfl/v1/DecryptionShareEnvelope', ['runId', 'round', 'attempt', 'site', 'codecId', 'setHash', 'digest', 'chunkCount', 'maskedFingerprint']);

export const decryptionShareSigningBytes = (fields: DecryptionShareFields): Uint8Array => signer.bytes(fields);
export const signDecryptionShare = (fields: DecryptionShareFields, signingSecretKey: Uint8Array): DecryptionShareEnvelope => signer.sign(fields, signingSecretKey);
export const isDecryptionShareSignatureValid = (envelope: DecryptionShareEnvelope, signingPublicKey: Uint8Array): boolean => signer.verify(envelope, signingPublicKey);
