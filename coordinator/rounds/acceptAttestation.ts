// Step 5 at the coordinator: check a site's attestation, store it, and commit once a quorum agrees on one model.
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { AttestationReceipt, SiteAttestation } from '../../common/wire/protocolTypes.ts';
import { commitAttempt } from './commitAttempt.ts';
import type { RunEngine } from './RunEngine.ts';
import { matchingQuorum, verifyAttestation } from './verifyAttestation.ts';

/** Runs under the engine's queue: attestations and commits never interleave with closing or opening rounds. */
export async function acceptAttestation(engine: RunEngine, attestation: SiteAttestation, peer: ConsortiumSite): Promise<AttestationReceipt> {
  const attempt = engine.current();
  if (attempt.state !== 'ATTESTING' || !attempt.aggregate) {
    throw new MedflError('ROUND_MISMATCH', `round ${attempt.task.round} is ${attempt.state}, not awaiting attestations`);
  }
  const signer = engine.options.ledger.attestationSigner({ ...attestation, runId: engine.runId }, attestation.signature);
  verifyAttestation(attestation, peer, attempt.aggregate, signer);
  if (attempt.attestations.has(peer.id)) throw new MedflError('UPDATE_DUPLICATE', `site ${peer.id} already attested round ${attempt.task.round}`);
  await engine.store.putAttestation(attestation);
  attempt.attestations.set(peer.id, attestation);
  engine.broadcast();
  const quorum = engine.options.plan.consortium.quorum;
  const matching = matchingQuorum(attempt.attestations.values(), quorum);
  const receipt = { round: attempt.task.round, matching: matching?.length ?? 0, quorum };
  if (matching) await commitAttempt(engine, matching);
  return receipt;
}
