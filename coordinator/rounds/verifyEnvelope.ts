// Every check an update envelope must pass before any of its ciphertext is read (DESIGN.md step 3).
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isEnvelopeSignatureValid } from '../../common/wire/envelopeSigning.ts';
import { MAX_SITE_EXAMPLES } from '../../common/wire/runCodecParameters.ts';
import type { RoundState, RoundTask, UpdateEnvelope } from '../../common/wire/protocolTypes.ts';

export interface EnvelopeContext {
  /** The consortium entry of the mTLS peer (CN and fingerprint already matched). */
  readonly peer: ConsortiumSite;
  readonly task: RoundTask;
  readonly roundState: RoundState;
  /** Sites whose update is accepted or still streaming in this attempt. */
  readonly taken: ReadonlySet<string>;
}

/** Identity first (who may speak), then freshness (which round), then shape (which codec, how many chunks). */
export function verifyEnvelope(envelope: UpdateEnvelope, { peer, task, roundState, taken }: EnvelopeContext): void {
  if (envelope.site !== peer.id) {
    throw new MedflError('IDENTITY_MISMATCH', `the envelope names site ${envelope.site} but the TLS client certificate is ${peer.id}`);
  }
  if (!isEnvelopeSignatureValid(envelope, new Uint8Array(Buffer.from(peer.signingPublicKey, 'base64')))) {
    throw new MedflError('SIGNATURE_INVALID', `the update envelope's ed25519 signature does not verify with ${peer.id}'s signing key`);
  }
  if (envelope.runId !== task.runId || envelope.round !== task.round || envelope.attempt !== task.attempt) {
    throw new MedflError(
      'ROUND_MISMATCH',
      `the update is for run ${envelope.runId} round ${envelope.round} attempt ${envelope.attempt}, but the open round is run ${task.runId} round ${task.round} attempt ${task.attempt}`,
      { details: { round: envelope.round, openRound: task.round } },
    );
  }
  if (roundState !== 'COLLECTING') throw new MedflError('ROUND_CLOSED', `round ${task.round} is ${roundState} and takes no more updates`);
  if (!task.expectedSites.includes(peer.id)) throw new MedflError('PEER_UNKNOWN', `site ${peer.id} is not part of this run's plan`);
  if (taken.has(peer.id)) throw new MedflError('UPDATE_DUPLICATE', `site ${peer.id} already submitted an update for round ${task.round}`);
  if (envelope.codecId !== task.codecId) {
    throw new MedflError('CODEC_ID_MISMATCH', `the update uses codec ${envelope.codecId} but the run uses ${task.codecId}`, {
      details: { expected: task.codecId, actual: envelope.codecId },
    });
  }
  // The codec's prime only has room for MAX_SITE_EXAMPLES per site: a larger weight would wrap the encrypted sum
  // and make every key holder's decryption fail, so one site could stall the whole round.
  if (!Number.isSafeInteger(envelope.examples) || envelope.examples < 1 || envelope.examples > MAX_SITE_EXAMPLES) {
    throw new MedflError('UPDATE_INVALID', `the update claims ${envelope.examples} examples; a site may weight its update by 1 to ${MAX_SITE_EXAMPLES}`);
  }
  if (envelope.chunkCount !== task.chunkCount) {
    throw new MedflError('CIPHERTEXT_COUNT', `the update announces ${envelope.chunkCount} ciphertexts but this run's updates have ${task.chunkCount}`);
  }
}
