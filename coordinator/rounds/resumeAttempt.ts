// Restart: where the store says the run stood, with the current attempt rebuilt, its stored updates refolded once and
// its stored decryption shares counted.
import type { Logger } from '../../common/log.ts';
import type { CommittedRound } from '../../common/wire/protocolTypes.ts';
import type { Aggregation } from '../ports.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { StoredRound } from '../store/storedTypes.ts';
import { RoundAttempt } from './RoundAttempt.ts';

export interface ResumeContext {
  readonly store: Pick<RoundStore, 'committedRound' | 'updates' | 'attestations' | 'streamUpdateChunks' | 'sumChunks' | 'shares'>;
  readonly aggregation: Pick<Aggregation, 'createSum'>;
  readonly log: Logger;
  /** The plan's number of rounds. */
  readonly rounds: number;
}

/** What the round loop does after a restart; `lastCommit` is the newest committed round, if any. */
export interface ResumeOutcome {
  readonly lastCommit?: CommittedRound;
  readonly next:
    | { readonly kind: 'open'; readonly round: number }
    | { readonly kind: 'complete' }
    | { readonly kind: 'failed'; readonly round: number; readonly attempt: number; readonly reason: string }
    | { readonly kind: 'collect'; readonly attempt: RoundAttempt }
    /** Threshold CKKS: closed with its sets (U, T), or already collecting the decryptors' shares. */
    | { readonly kind: 'decrypt'; readonly attempt: RoundAttempt }
    | { readonly kind: 'attest'; readonly attempt: RoundAttempt };
}

async function restore(context: ResumeContext, record: StoredRound): Promise<RoundAttempt> {
  const { store } = context;
  const attempt = new RoundAttempt(record.task, record.state, context.log);
  if (record.aggregate) attempt.aggregate = record.aggregate;
  for (const { envelope, receipt } of store.updates(record.round, record.attempt)) {
    attempt.accepted.set(envelope.site, envelope);
    attempt.receipts.set(envelope.site, receipt);
  }
  for (const { envelope } of store.shares(record.round, record.attempt)) attempt.shares.set(envelope.site, envelope);
  for (const attestation of store.attestations(record.round, record.attempt)) attempt.attestations.set(attestation.site, attestation);
  if (record.state === 'OPEN' || record.state === 'COLLECTING') {
    // The sum's files are emptied and refolded from the durable updates: whatever a crash left in them is never read.
    const sum = await context.aggregation.createSum(() => store.sumChunks(record.round, record.attempt));
    attempt.sum = sum;
    for (const envelope of attempt.accepted.values()) {
      sum.foldUpdate(store.streamUpdateChunks(record.round, record.attempt, envelope.site, envelope.chunkCount));
    }
  }
  context.log.info({ round: record.round, attempt: record.attempt, state: record.state, updates: attempt.accepted.size }, 'round resumed from the store');
  return attempt;
}

function nextAfter(context: ResumeContext, latest: StoredRound | undefined): ResumeOutcome['next'] | undefined {
  if (!latest) return { kind: 'open', round: 1 };
  if (latest.state === 'COMMITTED') return latest.round >= context.rounds ? { kind: 'complete' } : { kind: 'open', round: latest.round + 1 };
  if (latest.state === 'FAILED') return { kind: 'failed', round: latest.round, attempt: latest.attempt, reason: latest.failure ?? 'failed before a restart' };
  return undefined;
}

function phaseOf(record: StoredRound): 'collect' | 'decrypt' | 'attest' {
  if (record.state === 'OPEN' || record.state === 'COLLECTING') return 'collect';
  const sealed = Boolean(record.aggregate?.setHash);
  return record.state === 'DECRYPTING' || (record.state === 'CLOSED' && sealed) ? 'decrypt' : 'attest';
}

/** Reads the store only; commits are never re-sent from here (the round loop commits, and the ledger is idempotent). */
export async function resumeAttempt(context: ResumeContext, latest: StoredRound | undefined): Promise<ResumeOutcome> {
  const committed = latest?.state === 'COMMITTED' ? latest : latest && context.store.committedRound(latest.round - 1);
  const lastCommit = committed?.commit;
  const settled = nextAfter(context, latest);
  if (settled) return { lastCommit, next: settled };
  const attempt = await restore(context, latest!);
  return { lastCommit, next: { kind: phaseOf(latest!), attempt } };
}
