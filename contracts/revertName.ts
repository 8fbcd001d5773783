// The name of the contract error a ledger call reverted with, for callers that branch on it instead of on message text.
import { MedflError } from '../common/MedflError.ts';

/** `'RoundLedgerRoundOutOfOrder'` for a decoded revert (decodeLedgerError's details.error); undefined for anything else. */
export function revertName(error: unknown): string | undefined {
  if (!(error instanceof MedflError) || error.code !== 'LEDGER_REVERTED') return undefined;
  const name = error.details.error;
  return typeof name === 'string' ? name : undefined;
}
