// Turns what ethers throws for a ledger call into a MedflError: a named contract revert, an outage, or internal.
import { Interface, isError } from 'ethers';
import { MedflError } from '../common/MedflError.ts';

const TRANSIENT_CODES = new Set(['NETWORK_ERROR', 'TIMEOUT', 'SERVER_ERROR']);
const TRANSIENT_TEXT = /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|fetch failed|timeout/i;

/** The ABI-encoded revert data inside an ethers error, wherever the provider put it. */
function revertData(thrown: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = thrown;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const data = (current as { data?: unknown }).data;
    if (typeof data === 'string' && /^0x[0-9a-fA-F]{8}/.test(data)) return data;
    const next = current as { error?: unknown; info?: { error?: unknown }; cause?: unknown };
    current = next.error ?? next.info?.error ?? next.cause;
  }
  return undefined;
}

/**
 * The node's own JSON-RPC error message when ethers reports a call exception without revert data. ethers files every
 * failed eth_call as CALL_EXCEPTION, so a node that no longer has the block it was asked about (a reorg or a restored
 * chain: "BlockOutOfRangeError") looks like a revert without a reason unless its own words are read.
 */
function nodeErrorMessage(thrown: unknown): string | undefined {
  if (!isError(thrown, 'CALL_EXCEPTION')) return undefined;
  const error = (thrown.info as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}

/** Whether retrying the same request may succeed (the node was unreachable, overloaded or mid-reorg; nothing was decided). */
export function isTransientRpcError(thrown: unknown): boolean {
  if (revertData(thrown) !== undefined) return false;
  const nodeMessage = nodeErrorMessage(thrown);
  if (nodeMessage !== undefined) return !/revert/i.test(nodeMessage);
  const code = (thrown as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  return thrown instanceof Error && TRANSIENT_TEXT.test(`${thrown.message} ${String(thrown.cause ?? '')}`);
}

/**
 * A named revert as callers branch on it (`MedflError.details` of LEDGER_REVERTED): the error's name and its arguments
 * by ABI parameter name, as text (uint as decimal, address and bytes32 as hex).
 */
export interface LedgerRevert {
  readonly error: string;
  readonly args: Readonly<Record<string, string>>;
}

/** The revert encoded in `data`, decoded by the ledger's ABI; undefined when the ABI does not know its selector. */
export function decodeRevert(abi: Interface, data: string): LedgerRevert | undefined {
  const parsed = abi.parseError(data);
  if (!parsed) return undefined;
  const args = parsed.fragment.inputs.map((input, index) => [input.name || `arg${index}`, String(parsed.args[index])]);
  return { error: parsed.name, args: Object.fromEntries(args) as Record<string, string> };
}

/** `RoundLedgerWrongPrevModel(runId=1, expected=0x…, given=0x…)`: the words of every LEDGER_REVERTED message. */
export function describeRevert(revert: LedgerRevert): string {
  return `${revert.error}(${Object.entries(revert.args).map(([name, value]) => `${name}=${value}`).join(', ')})`;
}

/** The MedflError for a failed ledger call made as `action` (e.g. "commitRound(run 1, round 2)"). */
export function decodeLedgerError(abi: Interface, action: string, thrown: unknown): MedflError {
  if (thrown instanceof MedflError) return thrown;
  const data = revertData(thrown);
  if (data !== undefined) {
    const revert = decodeRevert(abi, data);
    if (!revert) return new MedflError('LEDGER_REVERTED', `${action} reverted: unknown revert data ${data.slice(0, 74)}`, { cause: thrown });
    return new MedflError('LEDGER_REVERTED', `${action} reverted: ${describeRevert(revert)}`, { cause: thrown, details: { ...revert } });
  }
  if (isError(thrown, 'CALL_EXCEPTION') && !isTransientRpcError(thrown)) {
    return new MedflError('LEDGER_REVERTED', `${action} reverted without a reason (is the ledger address right?)`, { cause: thrown });
  }
  if (isError(thrown, 'INVALID_ARGUMENT')) {
    return new MedflError('LEDGER_INPUT_INVALID', `${action}: ${thrown.shortMessage} (argument ${thrown.argument})`, { cause: thrown });
  }
  if (isTransientRpcError(thrown)) {
    const nodeMessage = nodeErrorMessage(thrown);
    if (nodeMessage !== undefined) {
      return new MedflError('CHAIN_UNAVAILABLE', `${action}: the chain's node could not answer now (${nodeMessage.slice(0, 160)}); a reorg or restore may be under way`, { cause: thrown });
    }
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return new MedflError('CHAIN_UNAVAILABLE', `${action}: the chain's RPC endpoint did not answer (${message.slice(0, 160)})`, { cause: thrown });
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new MedflError('INTERNAL', `${action} failed: ${message.slice(0, 200)}`, { cause: thrown });
}
