// The store's committed rounds held against the chain's: a commit the chain lost (a restored older state, a reorg) is
// sent again from the stored attestations, in order; a chain holding another model for a stored round is CHAIN_DIVERGED.
// The signatures stay valid because the EIP-712 domain (chain id, ledger address) has not changed.
import { MedflError } from '../../common/MedflError.ts';
import type { CommittedRound } from '../../common/wire/protocolTypes.ts';
import type { CommitRoundInput, CoordinatorLedger } from '../ports.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { StoredRound } from '../store/storedTypes.ts';
import { commitConfirmed, type ConfirmContext } from './commitConfirmed.ts';
import { commitInput } from './commitInput.ts';

export interface ReconcileContext extends ConfirmContext {
  readonly store: Pick<RoundStore, 'latestRound' | 'committedRound' | 'attestations' | 'putRound'>;
  readonly ledger: Pick<CoordinatorLedger, 'commitRound' | 'confirmations' | 'latestRound' | 'committedModelHash'>;
  readonly runId: string;
}

/** The newest round the store holds as committed: an attempt of round r open or failed means r - 1 committed. */
function storedCommittedRound(store: ReconcileContext['store']): number {
  const latest = store.latestRound();
  if (!latest) return 0;
  return latest.state === 'COMMITTED' ? latest.round : latest.round - 1;
}

/** The commit of stored round `record` exactly as first sent: same fields, same signatures in the same order. */
function storedCommitInput(store: ReconcileContext['store'], record: StoredRound): CommitRoundInput {
  const { aggregate, commit } = record;
  const byAttester = new Map(store.attestations(record.round, record.attempt).map((attestation) => [attestation.site, attestation.signature]));
  const signatures = commit!.attesters.map((site) => {
    const signature = byAttester.get(site);
    if (!signature) throw new MedflError('STORE_FAILED', `the store holds no attestation of ${site} for committed round ${record.round}; its commit cannot be sent again`);
    return signature;
  });
  return commitInput(aggregate!, commit!.modelHash, signatures);
}

function diverged(context: ReconcileContext, record: StoredRound, found: string | undefined): MedflError {
  const commit = record.commit!;
  return new MedflError('CHAIN_DIVERGED', `round ${record.round} of run ${context.runId}: the store committed model ${commit.modelHash} (tx ${commit.txHash}) but the chain holds ${found ?? 'nothing'}; the store and the chain disagree, so the run stops (nothing is overwritten)`, {
    details: { runId: context.runId, round: record.round, expected: commit.modelHash, found: found ?? null, txHash: commit.txHash },
  });
}

/** Reads of the chain's latest round allowed to disagree with the next read before the disagreement is believed. */
const REREADS = 2;

/**
 * The chain's latest round, once it agrees with the store on the newest round both hold (each commit names its parent,
 * so equal there means equal below). The two reads are not atomic: a chain that loses rounds between them (a reorg or a
 * restore under way) shows a latest round it no longer holds, so an empty answer reads the latest round again; only a
 * different model, or an emptiness that persists, is CHAIN_DIVERGED.
 */
async function agreedLatestRound(context: ReconcileContext, stored: number): Promise<number> {
  const { store, ledger, runId } = context;
  for (let reread = 0; ; reread += 1) {
    const onChain = await ledger.latestRound(runId);
    const shared = Math.min(onChain, stored);
    if (shared === 0) return onChain;
    const record = store.committedRound(shared)!;
    const found = await ledger.committedModelHash(runId, shared);
    if (found === record.commit!.modelHash) return onChain;
    if (found !== undefined || reread === REREADS) throw diverged(context, record, found);
  }
}

/**
 * Holds the store against the chain (agreedLatestRound), then re-sends every stored round above the chain's latest,
 * each confirmed before the next, by `untilUnixMs`. Returns the re-sent rounds with their new transaction hashes, which
 * the store now records.
 */
export async function reconcileChain(context: ReconcileContext, untilUnixMs: number): Promise<CommittedRound[]> {
  const { store, log } = context;
  const stored = storedCommittedRound(store);
  if (stored === 0) return [];
  const onChain = await agreedLatestRound(context, stored);
  const resent: CommittedRound[] = [];
  for (let round = onChain + 1; round <= stored; round += 1) {
    const record = store.committedRound(round)!;
    log.warn({ round, modelHash: record.commit!.modelHash, lostTx: record.commit!.txHash, chainLatestRound: onChain }, 'the chain no longer holds this committed round; sending it again from the stored attestations');
    const txHash = await commitConfirmed(context, storedCommitInput(store, record), untilUnixMs);
    const commit = { ...record.commit!, txHash };
    await store.putRound({ ...record, commit });
    log.info({ round, modelHash: commit.modelHash, txHash }, 'lost commit re-sent and confirmed');
    resent.push(commit);
  }
  return resent;
}
