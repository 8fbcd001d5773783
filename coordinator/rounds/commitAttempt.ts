// Step 6: a quorum of matching attestations goes on chain and stays there for the configured confirmations. Sending
// it twice is safe: the ledger client is idempotent for a round already committed with the same model, and answers
// with the original transaction hash.
import { asMedflError } from '../../common/MedflError.ts';
import type { CommittedRound, SiteAttestation } from '../../common/wire/protocolTypes.ts';
import type { ContributionsKeeper } from '../ports.ts';
import { commitConfirmed, type ConfirmContext } from './commitConfirmed.ts';
import { commitInput } from './commitInput.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

export interface CommitContext extends ConfirmContext {
  readonly contributions: Pick<ContributionsKeeper, 'keep'>;
}

/** The round as committed on chain, or why the commit failed (the round loop fails the attempt then). */
export type CommitOutcome = { readonly kind: 'committed'; readonly commit: CommittedRound } | { readonly kind: 'fail'; readonly reason: string };

/**
 * Sends commitRound for a closed attempt whose `matching` attestations (site order) agree on one model, retrying an
 * unreachable chain or a lost transaction until `untilUnixMs` (the attempt's attestation deadline).
 */
export async function commitAttempt(context: CommitContext, attempt: RoundAttempt, matching: SiteAttestation[], untilUnixMs: number): Promise<CommitOutcome> {
  const header = attempt.aggregate!;
  const modelHash = matching[0]!.modelHash;
  let txHash: string;
  try {
    txHash = await commitConfirmed(context, commitInput(header, modelHash, matching.map((attestation) => attestation.signature)), untilUnixMs);
  } catch (thrown) {
    const error = asMedflError(thrown);
    return { kind: 'fail', reason: `commitRound failed: ${error.code}: ${error.message}` };
  }
  const siteMetrics = [...attempt.attestations.values()]
    .filter((attestation) => attestation.modelHash === modelHash)
    .map(({ site, metrics }) => ({ site, metrics }));
  const attesters = matching.map((attestation) => attestation.site);
  const commit = { round: header.round, modelHash, txHash, totalExamples: header.totalExamples, attesters, siteMetrics, contributions: header.contributions };
  context.contributions.keep(header.runId, commit);
  return { kind: 'committed', commit };
}
