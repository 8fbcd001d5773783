// Sends a round's commit exactly once: one signed transaction, re-broadcast over a flaky link, and a round already on
// chain with the same model recognised as done (its original transaction hash is the answer), even after a restart.
import { Transaction } from 'ethers';
import { childLogger } from '../common/log.ts';
import { MedflError } from '../common/MedflError.ts';
import { callLedgerView } from './callLedgerView.ts';
import { commitArguments } from './commitArguments.ts';
import type { CommitRoundRequest } from './CommitRoundRequest.ts';
import { decodeLedgerError, isTransientRpcError } from './decodeLedgerError.ts';
import type { LedgerConnection } from './LedgerConnection.ts';
import { readCommitTxHash } from './ledgerEvents.ts';
import { readRound } from './readRound.ts';
import { revertName } from './revertName.ts';

/** How long one broadcast waits for its receipt before it counts as a transient failure. */
const RECEIPT_TIMEOUT_MS = 60_000;
const RETRY_DELAYS_MS = [200, 500, 1000, 2000];
const log = childLogger('ledger');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The hash of the transaction that committed this (runId, round) with this modelHash, found from the round's
 * RoundCommitted event; undefined when the round is not committed, or committed with another model.
 */
async function originalCommit(ledger: LedgerConnection, request: CommitRoundRequest): Promise<string | undefined> {
  const stored = await readRound(ledger, request.runId, request.round);
  if (stored?.modelHash !== request.modelHash) return undefined;
  const txHash = await readCommitTxHash(ledger.contract, request.runId, request.round, stored.blockNumber);
  if (txHash === undefined) {
    throw new MedflError('INTERNAL', `round ${request.round} of run ${request.runId} is committed in block ${stored.blockNumber} but the node returns no RoundCommitted event there; does it keep logs?`);
  }
  log.info({ round: request.round, txHash }, 'round already committed with this modelHash; not sending it again');
  return txHash;
}

/**
 * A node that estimates against its pending block (anvil does) refuses a re-sent commit as out of order while the
 * first one, sent before a restart, still waits to be mined. When the pending state holds this very model, that first
 * transaction is waited for (as long as for a receipt of our own) and its hash is the answer.
 */
async function pendingOriginal(ledger: LedgerConnection, request: CommitRoundRequest): Promise<string | undefined> {
  const pending = await callLedgerView<{ modelHash: string }>(ledger, 'getRound', request.runId, request.round, { blockTag: 'pending' });
  if (pending.modelHash !== request.modelHash) return undefined;
  const deadline = Date.now() + RECEIPT_TIMEOUT_MS;
  for (;;) {
    const original = await originalCommit(ledger, request);
    if (original !== undefined || Date.now() > deadline) return original;
    await sleep(ledger.provider.pollingInterval);
  }
}

/** Estimates (a revert surfaces here) and signs the commit (see commitArguments for its encoding). */
async function signCommit(ledger: LedgerConnection, request: CommitRoundRequest, sites: readonly string[]): Promise<string> {
  const args = commitArguments(request, sites, { chainId: ledger.chainId, ledger: ledger.ledgerAddress });
  const call = await ledger.contract.getFunction('commitRound').populateTransaction(args.attestation, args.sites, args.contributions, args.signatures);
  return ledger.wallet.signTransaction(await ledger.wallet.populateTransaction(call));
}

/**
 * Sends the signed bytes (again, if a node already has them that is fine) and waits for their receipt. A commit that
 * fails on chain may have lost to an earlier broadcast of the same round (sent before a restart, its receipt never
 * seen): then that earlier transaction is the answer.
 */
async function broadcastAndWait(ledger: LedgerConnection, request: CommitRoundRequest, action: string, signed: string): Promise<string> {
  const { provider } = ledger;
  const hash = Transaction.from(signed).hash!;
  await provider.broadcastTransaction(signed).catch(async (thrown: unknown) => {
    if (isTransientRpcError(thrown) || !(await provider.getTransaction(hash))) throw thrown;
  });
  // Bounded: a transaction that is never mined (a node restarted before saving it) must not freeze the round loop;
  // ethers' TIMEOUT is transient, so the caller re-broadcasts the same signed bytes after checking the chain.
  const receipt = await provider.waitForTransaction(hash, 1, RECEIPT_TIMEOUT_MS);
  if (receipt?.status === 1) return hash;
  const original = await originalCommit(ledger, request);
  if (original !== undefined) return original;
  throw new MedflError('LEDGER_REVERTED', `${action}: transaction ${hash} failed on chain`);
}

/**
 * Commits the round and returns the hash of the transaction that committed it. The transaction is signed once and the
 * same bytes are re-broadcast on transient RPC failures (so at most one is sent per call); before each retry, and when
 * the contract refuses the round as already committed (RoundLedgerRoundOutOfOrder), the round is read back: committed
 * with the same modelHash, it is done, and the original transaction's hash is returned without sending anything.
 */
export async function commitLedgerRound(ledger: LedgerConnection, request: CommitRoundRequest, sites: () => Promise<readonly string[]>): Promise<string> {
  const action = `commitRound(run ${request.runId}, round ${request.round})`;
  let signed: string | undefined;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const original = attempt > 0 ? await originalCommit(ledger, request) : undefined;
      if (original !== undefined) return original;
      signed ??= await signCommit(ledger, request, await sites());
      return await broadcastAndWait(ledger, request, action, signed);
    } catch (thrown) {
      const error = decodeLedgerError(ledger.abi, action, thrown);
      if (revertName(error) === 'RoundLedgerRoundOutOfOrder') {
        const original = (await originalCommit(ledger, request)) ?? (await pendingOriginal(ledger, request));
        if (original !== undefined) return original;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      if (!isTransientRpcError(thrown) || delay === undefined) throw error;
      log.warn({ attempt: attempt + 1, delay }, `${action}: transient RPC failure, checking the chain before retrying`);
      await sleep(delay);
    }
  }
}
