// Refuses an RPC whose chain is not the one consortium.json pins (chain id, ledger address, deployment block hash):
// a fresh chain with the same id and the same deterministic ledger address is another chain, and its runs are not
// the consortium's.
import type { Provider } from 'ethers';
import type { ChainPin } from '../../common/kit/chainPin.ts';
import { MedflError } from '../../common/MedflError.ts';

/** CHAIN_MISMATCH naming every pinned field (chainId, ledger, deployBlockHash) the chain at `rpcUrl` shows otherwise. */
export async function checkChainPin(provider: Provider, rpcUrl: string, ledgerAddress: string, pin: ChainPin): Promise<void> {
  const chainId = Number((await provider.getNetwork()).chainId);
  const block = await provider.getBlock(pin.deployBlock);
  const blockHash = block?.hash ?? 'none (the chain is shorter)';
  const differences = [
    chainId !== pin.chainId && `chainId ${chainId}, pinned ${pin.chainId}`,
    ledgerAddress.toLowerCase() !== pin.ledger.toLowerCase() && `ledger ${ledgerAddress}, pinned ${pin.ledger}`,
    blockHash !== pin.deployBlockHash && `deployBlockHash (block ${pin.deployBlock}) ${blockHash}, pinned ${pin.deployBlockHash}`,
  ].filter((difference): difference is string => typeof difference === 'string');
  if (differences.length > 0) {
    throw new MedflError('CHAIN_MISMATCH', `the chain at ${rpcUrl} is not the consortium's pinned chain: ${differences.join('; ')}`, {
      details: { rpcUrl, differences, pinned: pin },
    });
  }
}
