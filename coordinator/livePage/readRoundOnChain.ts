// The chain's side of the live page's verification column: the model hash and block the ledger holds for a round,
// and how deep the commit's transaction is. Read only; the client's key signs nothing here.
import type { LedgerClient } from '../../contracts/LedgerClient.ts';
import type { ReadRoundOnChain } from './LiveRunFeed.ts';

export function readRoundOnChain(ledger: Pick<LedgerClient, 'getRound' | 'confirmations'>): ReadRoundOnChain {
  return async (runId, round, txHash) => {
    const [record, confirmations] = await Promise.all([ledger.getRound(runId, round), ledger.confirmations(txHash)]);
    return { confirmations, ...(record ? { modelHash: record.modelHash, blockNumber: record.blockNumber } : {}) };
  };
}
