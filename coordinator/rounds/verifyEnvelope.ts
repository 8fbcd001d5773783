// Every check an update envelope must pass before any of its ciphertext is read (DESIGN.md step 3).
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isEnvelopeSignatureValid } from '../../common/wire/envelopeSigning.ts';
import type { RoundState, RoundTask, UpdateEnvelope } from '../../common/wire/protocolTypes.ts';

export interface EnvelopeContext {
  /** The consortium entry of the mTLS peer (CN and fingerprint already matched). */
  readonly peer: ConsortiumSite;
  readonly task: RoundTask;
  readonly roundState: RoundState;
  /** Sites whose update is accepted or still streaming in this attempt. */
  readonly taken: ReadonlySet<string>;
  /** The plan's per-site example cap (exampleCap.ts), which the codec's prime is sized for. */
  readonly exampleCap: number;
  /** Threshold CKKS: only the task's key holders may upload (an update from another site could never be decrypted). */
  readonly keyHoldersOnly?: boolean;
  /** Whether the plan trains with DP-SGD (usesDpSgd.ts); without it every update must declare 0 ε spent. */
  readonly dpSgd?: boolean;
}

/** Identity first (who may speak), then freshness (which round), then shape (which codec, how many chunks). */
export function verifyEnvelope(envelope: UpdateEnvelope, context: EnvelopeContext): void {
  const { peer, task, roundState, taken, exampleCap, keyHoldersOnly } = context;
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
  if (keyHoldersOnly && !task.keyHolders.includes(peer.id)) {
    throw new MedflError('KEY_SHARES_MISSING', `site ${peer.id} had not submitted its key shares when round ${task.round} attempt ${task.attempt} opened, so it may not upload to it; submit them with SubmitKeyShares and upload in a later attempt`, {
      details: { site: peer.id, keyHolders: [...task.keyHolders] },
    });
  }
  if (taken.has(peer.id)) throw new MedflError('UPDATE_DUPLICATE', `site ${peer.id} already submitted an update for round ${task.round}`);
  if (envelope.codecId !== task.codecId) {
    throw new MedflError('CODEC_ID_MISMATCH', `the update uses codec ${envelope.codecId} but the run uses ${task.codecId}`, {
      details: { expected: task.codecId, actual: envelope.codecId },
    });
  }
  if (!Number.isSafeInteger(envelope.examples) || envelope.examples < 1) {
    throw new MedflError('UPDATE_INVALID', `the update claims ${envelope.examples} examples; a site weights its update by a positive integer`);
  }
  // The codec's prime only has room for the plan's cap per site: a larger weight would take more than the site's
  // share of the mean, or wrap the encrypted sum and turn every key holder's decryption into garbage.
  if (envelope.examples > exampleCap) {
    throw new MedflError('EXAMPLES_OVER_CAP', `site ${peer.id}'s update claims ${envelope.examples} examples; the plan caps a site at ${exampleCap}`, {
      details: { site: peer.id, examples: envelope.examples, cap: exampleCap },
    });
  }
  if (envelope.chunkCount !== task.chunkCount) {
    throw new MedflError('CIPHERTEXT_COUNT', `the update announces ${envelope.chunkCount} ciphertexts but this run's updates have ${task.chunkCount}`);
  }
  verifyEpsilon(envelope, context.dpSgd === true);
}

/**
 * The ε the site signed goes into its leaf on chain, so it must mean something: a whole number of millionths, 0 when
 * the plan has no DP-SGD (a site that claims a spend then is broken or lying), and above 0 under DP-SGD, where every
 * round of training spends some (a site reporting none would hide its spend from the public record).
 */
function verifyEpsilon(envelope: UpdateEnvelope, dpSgd: boolean): void {
  const { epsilonMicros, site } = envelope;
  if (!Number.isSafeInteger(epsilonMicros) || epsilonMicros < 0) {
    throw new MedflError('UPDATE_INVALID', `site ${site}'s update declares ${epsilonMicros} as its ε in millionths; it must be a non-negative integer below 2^53`);
  }
  if (!dpSgd && epsilonMicros !== 0) {
    throw new MedflError('UPDATE_INVALID', `site ${site}'s update declares an ε of ${epsilonMicros / 1e6}, but the plan has no DP-SGD, so its updates must declare 0`, {
      details: { site, epsilonMicros },
    });
  }
  if (dpSgd && epsilonMicros === 0) {
    throw new MedflError('UPDATE_INVALID', `site ${site}'s update declares no ε spent, but the plan trains with DP-SGD, so every update spends some; the site must report its cumulative ε`, {
      details: { site },
    });
  }
}
