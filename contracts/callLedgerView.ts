// A read of one of RoundLedger's view functions, with failures decoded like every other ledger call.
import { decodeLedgerError } from './decodeLedgerError.ts';
import type { LedgerConnection } from './LedgerConnection.ts';

/** ethers returns an untyped Result (named fields by proxy); T states the ABI outputs the caller reads. */
export async function callLedgerView<T>(ledger: Pick<LedgerConnection, 'contract' | 'abi'>, name: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ledger.contract.getFunction(name).staticCall(...args)) as T;
  } catch (thrown) {
    throw decodeLedgerError(ledger.abi, `${name}(${args.join(', ')})`, thrown);
  }
}
