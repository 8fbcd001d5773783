// Closes a round attempt on the ledger (closeAttempt): its set hash recorded once, and each refusal turned into the
// MedflError code a caller branches on.
import type { ContractTransactionResponse } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import type { ErrorCode } from '../common/errorCodes.ts';
import { MedflError } from '../common/MedflError.ts';
import { decodeLedgerError } from './decodeLedgerError.ts';
import type { LedgerConnection } from './LedgerConnection.ts';
import { revertName } from './revertName.ts';

export interface AttemptClose {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  /** attemptSetHash of the attempt's contributions and decryptors. */
  readonly setHash: Hash32;
}

type Refusal = (close: AttemptClose, args: Readonly<Record<string, string>>) => [ErrorCode, string];

const attemptOf = (c: AttemptClose) => `attempt ${c.attempt} of round ${c.round} of run ${c.runId}`;

/** The contract's refusals of a close, by error name; any other failure keeps decodeLedgerError's answer. */
const REFUSALS: Readonly<Record<string, Refusal>> = {
  RoundLedgerAttemptAlreadyClosed: (c, args) => [
    'ATTEMPT_ALREADY_CLOSED',
    `${attemptOf(c)} is already closed on chain with ${args.setHash === c.setHash ? 'this' : 'another'} set hash ${args.setHash}; `
      + 'an attempt\'s sets are recorded once: read them with closedAttempt, or close a new attempt',
  ],
  RoundLedgerNotRunCoordinator: (c, args) => [
    'LEDGER_NOT_RUN_COORDINATOR',
    `${args.caller} is not the coordinator of run ${c.runId} (${args.coordinator} is); only it closes the run's attempts`,
  ],
  AccessControlUnauthorizedAccount: (c, args) => [
    'LEDGER_NOT_RUN_COORDINATOR',
    `${args.account} holds no coordinator role on the ledger; only the coordinator of run ${c.runId} closes its attempts`,
  ],
  RoundLedgerUnknownRun: (c) => ['RUN_NOT_FOUND', `run ${c.runId} does not exist on the ledger, so it has no attempt to close`],
  RoundLedgerRoundOutOfOrder: (c, args) => BigInt(args.given!) < BigInt(args.expected!)
    ? ['ROUND_CLOSED', `round ${c.round} of run ${c.runId} is already committed (the open round is ${args.expected}); its attempts can no longer be closed`]
    : ['ROUND_MISMATCH', `round ${c.round} of run ${c.runId} is not open yet (the open round is ${args.expected})`],
  RoundLedgerZeroSetHash: (c) => ['LEDGER_INPUT_INVALID', `the set hash of ${attemptOf(c)} is zero; pass its attemptSetHash`],
};

function refusal(close: AttemptClose, error: MedflError): MedflError {
  const name = revertName(error);
  const refuse = name === undefined ? undefined : REFUSALS[name];
  if (!refuse) return error;
  const [code, message] = refuse(close, error.details.args as Record<string, string>);
  return new MedflError(code, message, { cause: error, details: error.details });
}

/** Sends the close and waits for it to be mined; returns the transaction's hash. */
export async function closeLedgerAttempt(ledger: LedgerConnection, close: AttemptClose): Promise<string> {
  const action = `closeAttempt(run ${close.runId}, round ${close.round}, attempt ${close.attempt})`;
  try {
    const send = ledger.contract.getFunction('closeAttempt');
    const tx = (await send(close.runId, close.round, close.attempt, close.setHash)) as ContractTransactionResponse;
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new MedflError('LEDGER_REVERTED', `${action}: transaction ${tx.hash} failed on chain`);
    return tx.hash;
  } catch (thrown) {
    throw refusal(close, decodeLedgerError(ledger.abi, action, thrown));
  }
}
