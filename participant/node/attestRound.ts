// Step 5 on a site: take the task's aggregate only if it is this attempt's, builds on this node's model and carries its
// own update as submitted; then sign the seven attested fields of the derived model and send them with its metrics.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateHeader, RoundTask } from '../../common/wire/protocolTypes.ts';
import type { RoundAttestation } from '../../common/wire/roundAttestation.ts';
import type { SiteLedger } from '../ports.ts';
import { checkAggregateHeader, checkReceiptHonoured, type OwnContribution } from './checkAggregate.ts';
import type { CoordinatorClient } from './CoordinatorClient.ts';
import { deriveCandidate, type Candidate, type CandidateContext } from './deriveCandidate.ts';
import type { HeldReceipt } from './SiteState.ts';

export interface AttestContext extends CandidateContext {
  readonly site: string;
  readonly consortium: Consortium;
  /** The hash of the node's global model, which the aggregate must build on. */
  readonly modelHash: Hash32;
  readonly ledger: Pick<SiteLedger, 'signAttestation'>;
  readonly client: Pick<CoordinatorClient, 'fetchAggregate' | 'submitAttestation'>;
  readonly log: Logger;
}

export interface TaskCandidate {
  readonly header: AggregateHeader;
  readonly candidate: Candidate;
}

/**
 * Fetches the task's aggregate, refusing it before any chunk is read unless it is the one this node may attest: `held`
 * is the coordinator's receipt for this node's update in this attempt, whose leaf the aggregate must carry.
 */
export function candidateForTask(context: AttestContext, task: RoundTask, own?: OwnContribution, held?: HeldReceipt): Promise<TaskCandidate> {
  return deriveCandidate(context, task.round, (header) => {
    if (header.runId !== task.runId || header.attempt !== task.attempt) {
      throw new MedflError('ROUND_MISMATCH', `asked for run ${task.runId} round ${task.round} attempt ${task.attempt}, got run ${header.runId} round ${header.round} attempt ${header.attempt}`);
    }
    if (header.prevModelHash !== context.modelHash) {
      throw new MedflError('MODEL_HASH_MISMATCH', `the aggregate builds on ${header.prevModelHash}, but this node's global model is ${context.modelHash}`);
    }
    if (held) checkReceiptHonoured(header, context.site, held);
    checkAggregateHeader(header, context.consortium, own);
  });
}

/** Signs and sends the attestation of `derived`; resolves once the coordinator has it or has already committed the round. */
export async function attestRound(context: AttestContext, task: RoundTask, derived: TaskCandidate): Promise<void> {
  const { header, candidate } = derived;
  const fields: RoundAttestation = {
    runId: header.runId,
    round: header.round,
    prevModelHash: header.prevModelHash,
    modelHash: candidate.modelHash,
    aggregateDigest: header.aggregateDigest,
    contributionsRoot: header.contributionsRoot,
    totalExamples: header.totalExamples,
  };
  const signature = await context.ledger.signAttestation(fields);
  const { metrics } = candidate;
  try {
    const receipt = await context.client.submitAttestation({ ...fields, attempt: task.attempt, site: context.site, signature, metrics });
    context.log.info({ round: task.round, modelHash: candidate.modelHash, auroc: metrics.auroc, auprc: metrics.auprc, matching: receipt.matching }, 'attestation accepted');
  } catch (thrown) {
    // A quorum committed the round before this attestation arrived; the commit will reach us as a status.
    if (!(thrown instanceof MedflError && (thrown.code === 'ROUND_MISMATCH' || thrown.code === 'UPDATE_DUPLICATE'))) throw thrown;
  }
}
