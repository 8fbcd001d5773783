// What consortium.json pins of the chain a ledger is on: its chain id, the ledger's address and the hash of the block
// that deployed it, read from the RPC by whoever provisions the consortium.
import { ZeroHash, type Provider } from 'ethers';
import type { ChainPin } from '../../common/kit/chainPin.ts';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isEventLog } from '../ledgerEvents.ts';
import { ledgerContract } from '../ledgerContract.ts';
import { connectRpc } from './connectRpc.ts';
import { requireLedger } from './requireLedger.ts';

/** LEDGER_NOT_DEPLOYED when there is no RoundLedger at `ledgerAddress` (no code, or no constructor event). */
export async function readChainPin(provider: Provider, ledgerAddress: string): Promise<ChainPin> {
  await requireLedger(provider, ledgerAddress);
  const ledger = ledgerContract(ledgerAddress, provider);
  // The constructor grants the deployer DEFAULT_ADMIN_ROLE: that event's block is the deployment block.
  const granted = (await ledger.queryFilter(ledger.filters.RoleGranted!(ZeroHash), 0)).filter(isEventLog)[0];
  if (!granted) throw new MedflError('LEDGER_NOT_DEPLOYED', `the contract at ${ledgerAddress} never granted an admin role: not a RoundLedger`);
  const block = await provider.getBlock(granted.blockNumber);
  const { chainId } = await provider.getNetwork();
  return { chainId: Number(chainId), ledger: ledgerAddress, deployBlock: granted.blockNumber, deployBlockHash: block!.hash as Hash32 };
}

/** readChainPin over its own connection to `rpcUrl` (CHAIN_UNAVAILABLE when nothing answers there). */
export async function readChainPinAt(rpcUrl: string, ledgerAddress: string): Promise<ChainPin> {
  const provider = await connectRpc(rpcUrl);
  try {
    return await readChainPin(provider, ledgerAddress);
  } finally {
    provider.destroy();
  }
}
