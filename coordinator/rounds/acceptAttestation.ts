// Step 5 at the coordinator: check a site's attestation, store it, and say whether a quorum now agrees on one model.
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { AttestationReceipt, SiteAttestation } from '../../common/wire/protocolTypes.ts';
import type { CoordinatorLedger } from '../ports.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { RoundAttempt } from './RoundAttempt.ts';
import { matchingQuorum, verifyAttestation } from './verifyAttestation.ts';

export interface AttestationContext {
  readonly store: Pick<RoundStore, 'putAttestation'>;
  /** Recovers the EIP-712 signer: an early check before the contract's own. */
  readonly ledger: Pick<CoordinatorLedger, 'attestationSigner'>;
  readonly runId: string;
  readonly quorum: number;
}

/** The site's receipt, and what the round loop does next: wait for more, or commit with the matching quorum. */
export interface AttestationOutcome {
  readonly receipt: AttestationReceipt;
  readonly next: { readonly kind: 'wait' } | { readonly kind: 'commit'; readonly matching: SiteAttestation[] };
}

/** Durable before it counts; runs in the round queue, so attestations never interleave with closing or committing. */
export async function acceptAttestation(
  context: AttestationContext, attempt: RoundAttempt, attestation: SiteAttestation, peer: ConsortiumSite,
): Promise<AttestationOutcome> {
  if (attempt.state !== 'ATTESTING' || !attempt.aggregate) {
    throw new MedflError('ROUND_MISMATCH', `round ${attempt.task.round} is ${attempt.state}, not awaiting attestations`);
  }
  const signer = context.ledger.attestationSigner({ ...attestation, runId: context.runId }, attestation.signature);
  verifyAttestation(attestation, peer, attempt.aggregate, signer);
  if (attempt.attestations.has(peer.id)) throw new MedflError('UPDATE_DUPLICATE', `site ${peer.id} already attested round ${attempt.task.round}`);
  await context.store.putAttestation(attestation);
  attempt.attestations.set(peer.id, attestation);
  const matching = matchingQuorum(attempt.attestations.values(), context.quorum);
  const receipt = { round: attempt.task.round, matching: matching?.length ?? 0, quorum: context.quorum };
  return { receipt, next: matching ? { kind: 'commit', matching } : { kind: 'wait' } };
}
