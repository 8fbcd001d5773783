// ed25519 signatures over an update envelope's canonical bytes: what a site vouches for (messageSigner.ts).
import { messageSigner } from './messageSigner.ts';
import type { UpdateEnvelope, UpdateEnvelopeFields } from './protocolTypes.ts';

// The domain tag keeps an envelope signature from being valid for any other message a site key might sign.
const signer = messageSigner<UpdateEnvelopeFields>('medfl/v1/UpdateEnvelope', ['runId', 'round', 'attempt', 'site', 'examples', 'codecId', 'digest', 'chunkCount', 'maskedFingerprint', 'epsilonMicros', 'consentRoot']);

export const envelopeSigningBytes = (fields: UpdateEnvelopeFields): Uint8Array => signer.bytes(fields);
export const signEnvelope = (fields: UpdateEnvelopeFields, signingSecretKey: Uint8Array): UpdateEnvelope => signer.sign(fields, signingSecretKey);
export const isEnvelopeSignatureValid = (envelope: UpdateEnvelope, signingPublicKey: Uint8Array): boolean => signer.verify(envelope, signingPublicKey);
