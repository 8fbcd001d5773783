// How deep a transaction is in the chain: the count a coordinator waits for before it treats a commit as final.
import { decodeLedgerError } from './decodeLedgerError.ts';
import type { LedgerConnection } from './LedgerConnection.ts';

/**
 * The blocks that include `txHash` and follow it (1 once mined), or 0 when the node holds no receipt: not mined yet,
 * dropped, or taken out of the chain by a reorg or a restored older state. CHAIN_UNAVAILABLE when the node is away.
 */
export async function txConfirmations(ledger: Pick<LedgerConnection, 'provider' | 'abi'>, txHash: string): Promise<number> {
  try {
    const receipt = await ledger.provider.getTransactionReceipt(txHash);
    return receipt ? await receipt.confirmations() : 0;
  } catch (thrown) {
    throw decodeLedgerError(ledger.abi, `confirmations of transaction ${txHash}`, thrown);
  }
}
