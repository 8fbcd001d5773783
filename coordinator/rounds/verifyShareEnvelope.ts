// Every check a decryption share's envelope must pass before any of its chunks is read (threshold CKKS, step 4).
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isDecryptionShareSignatureValid } from '../../common/wire/decryptionShareSigning.ts';
import type { DecryptionShareEnvelope } from '../../common/wire/protocolTypes.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

const invalid = (message: string) => new MedflError('SHARE_INVALID', message);
const notExpected = (message: string) => new MedflError('SHARE_NOT_EXPECTED', message);

/** Identity and signature first, then whether this attempt asks this site for a share now, then shape. */
export function verifyShareEnvelope(envelope: DecryptionShareEnvelope, peer: ConsortiumSite, attempt: RoundAttempt): void {
  const { task, aggregate } = attempt;
  if (envelope.site !== peer.id) throw invalid(`the share envelope names site ${envelope.site} but the TLS client certificate is ${peer.id}`);
  if (!isDecryptionShareSignatureValid(envelope, new Uint8Array(Buffer.from(peer.signingPublicKey, 'base64')))) {
    throw invalid(`the decryption share's ed25519 signature does not verify with ${peer.id}'s signing key`);
  }
  if (envelope.runId !== task.runId || envelope.round !== task.round || envelope.attempt !== task.attempt) {
    throw notExpected(`the share is for run ${envelope.runId} round ${envelope.round} attempt ${envelope.attempt}, but the current attempt is run ${task.runId} round ${task.round} attempt ${task.attempt}`);
  }
  if (attempt.state !== 'DECRYPTING' || !aggregate) throw notExpected(`round ${task.round} attempt ${task.attempt} is ${attempt.state} and takes no decryption shares`);
  if (!aggregate.decryptors.includes(peer.id)) {
    throw notExpected(`site ${peer.id} is not a decryptor of round ${task.round} attempt ${task.attempt} (decryptors: ${aggregate.decryptors.join(', ')})`);
  }
  if (envelope.setHash !== aggregate.setHash) {
    throw new MedflError('DECRYPTION_SET_CHANGED', `the share is for set hash ${envelope.setHash}, but round ${task.round} attempt ${task.attempt} was closed on chain with ${aggregate.setHash}`);
  }
  if (envelope.codecId !== task.codecId) throw invalid(`the share uses codec ${envelope.codecId} but the run uses ${task.codecId}`);
  if (envelope.chunkCount !== task.chunkCount) throw invalid(`the share announces ${envelope.chunkCount} chunks but this run's shares have ${task.chunkCount}`);
  if (attempt.shares.has(peer.id)) {
    throw new MedflError('SHARE_CONFLICT', `site ${peer.id} already sent another decryption share for round ${task.round} attempt ${task.attempt}; a decryptor's share is taken once`);
  }
  if (attempt.sharesInflight.has(peer.id)) throw new MedflError('SHARE_CONFLICT', `site ${peer.id} is already sending its decryption share for round ${task.round} attempt ${task.attempt}`);
}
