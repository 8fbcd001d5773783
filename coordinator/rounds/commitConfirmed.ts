// A round's commit made final: sent (idempotently, by the ledger client), then watched until it has the configured
// confirmations. An unreachable chain or a transaction that leaves the chain (reorg, restored older state) is met by
// sending the whole commit again with bounded back-off, until the deadline; then COMMIT_UNCONFIRMED.
import type { Logger } from '../../common/log.ts';
import { asMedflError, MedflError } from '../../common/MedflError.ts';
import type { CommitRoundInput, CoordinatorLedger } from '../ports.ts';

export interface ConfirmContext {
  readonly ledger: Pick<CoordinatorLedger, 'commitRound' | 'confirmations'>;
  /** Blocks that must include and follow the commit before it counts (1 = mined). */
  readonly confirmations: number;
  readonly log: Logger;
  now(): number;
  /** Aborted when the coordinator stops: the wait ends with RUN_STOPPED and nothing is recorded. */
  readonly signal?: AbortSignal;
  /** Runs before each send: the round loop re-sends earlier rounds a chain that came back from an outage has lost. */
  readonly beforeSend?: () => Promise<unknown>;
}

const BACKOFF_MS = { initial: 250, max: 4000 };
const POLL_MS = 200;

/** Waits `ms`, or rejects with RUN_STOPPED as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const stopped = () => {
      clearTimeout(timer);
      reject(new MedflError('RUN_STOPPED', 'the coordinator is stopping; the commit is left to its restart'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stopped);
      resolve();
    }, ms);
    if (signal?.aborted) stopped();
    else signal?.addEventListener('abort', stopped, { once: true });
  });
}

type Depth = { readonly kind: 'confirmed' } | { readonly kind: 'gone' } | { readonly kind: 'short'; readonly seen: number; readonly problem?: string };

/** Polls the transaction's depth until it reaches the target, leaves the chain, or `untilUnixMs` passes. */
async function watchDepth(context: ConfirmContext, txHash: string, untilUnixMs: number): Promise<Depth> {
  let seen = 0;
  let problem: string | undefined;
  for (;;) {
    try {
      const depth = await context.ledger.confirmations(txHash);
      if (depth >= context.confirmations) return { kind: 'confirmed' };
      if (depth === 0) return { kind: 'gone' };
      seen = depth;
      problem = undefined;
    } catch (thrown) {
      const error = asMedflError(thrown);
      if (error.code !== 'CHAIN_UNAVAILABLE') throw error;
      problem = error.message;
    }
    if (context.now() + POLL_MS > untilUnixMs) return { kind: 'short', seen, problem };
    await pause(POLL_MS, context.signal);
  }
}

/** `found` says what the chain showed last: the transaction's depth, that it left the chain, or that it was away. */
function unconfirmed(input: CommitRoundInput, wanted: number, txHash: string | undefined, found: string): MedflError {
  return new MedflError('COMMIT_UNCONFIRMED', `round ${input.round} of run ${input.runId} (model ${input.modelHash}) did not reach ${wanted} confirmation(s) before the attestation deadline: ${found}`, {
    details: { runId: input.runId, round: input.round, modelHash: input.modelHash, txHash: txHash ?? null, confirmations: wanted },
  });
}

/**
 * Sends `input` and returns the hash of the transaction that committed it once that transaction has
 * `context.confirmations` confirmations. Only an unreachable chain (CHAIN_UNAVAILABLE) or a lost transaction is retried;
 * a revert is thrown as it is. COMMIT_UNCONFIRMED once `untilUnixMs` passes.
 */
export async function commitConfirmed(context: ConfirmContext, input: CommitRoundInput, untilUnixMs: number): Promise<string> {
  const { log } = context;
  let delay = BACKOFF_MS.initial;
  let txHash: string | undefined;
  let found = 'the chain did not answer';
  for (let attempt = 1; ; attempt += 1) {
    try {
      await context.beforeSend?.();
      txHash = await context.ledger.commitRound(input);
      if (context.confirmations > 1) log.info({ round: input.round, txHash, confirmations: context.confirmations }, 'commit mined; waiting for its confirmations');
      const depth = await watchDepth(context, txHash, untilUnixMs);
      if (depth.kind === 'confirmed') return txHash;
      if (depth.kind === 'short') {
        throw unconfirmed(input, context.confirmations, txHash, `transaction ${txHash} has ${depth.seen} confirmation(s)${depth.problem ? ` (${depth.problem})` : ''}`);
      }
      found = `transaction ${txHash} is no longer in the chain`;
      log.warn({ round: input.round, txHash, attempt }, 'the commit left the chain (reorg or restored state); sending it again');
    } catch (thrown) {
      const error = asMedflError(thrown);
      if (error.code !== 'CHAIN_UNAVAILABLE') throw error;
      found = `${error.code}: ${error.message}`;
      log.warn({ round: input.round, attempt, retryInMs: delay, reason: error.message }, 'commit not sent: the chain is unreachable; retrying until the attestation deadline');
    }
    if (context.now() + delay > untilUnixMs) throw unconfirmed(input, context.confirmations, txHash, found);
    await pause(delay, context.signal);
    delay = Math.min(BACKOFF_MS.max, delay * 2);
  }
}
