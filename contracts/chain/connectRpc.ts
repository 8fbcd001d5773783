// A read-only provider for any EVM JSON-RPC endpoint, pinned to its chain id so ethers never re-detects the network.
import { JsonRpcProvider, Network } from 'ethers';
import { rpcChainId } from '../rpcChainId.ts';

/** CHAIN_UNAVAILABLE (from rpcChainId) when nothing answers at `rpcUrl`. */
export async function connectRpc(rpcUrl: string): Promise<JsonRpcProvider> {
  const chainId = await rpcChainId(rpcUrl);
  return new JsonRpcProvider(rpcUrl, Network.from(chainId), { staticNetwork: true });
}
