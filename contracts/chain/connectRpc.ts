// Connects to any EVM JSON-RPC endpoint, failing fast with CHAIN_UNAVAILABLE (ethers alone retries forever).
import { JsonRpcProvider, Network } from 'ethers';
import { MedflError } from '../../common/MedflError.ts';

const TIMEOUT_MS = 5_000;

async function fetchChainId(rpcUrl: string): Promise<number> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await response.json()) as { result?: string };
  if (typeof body.result !== 'string') throw new Error(`eth_chainId answered ${JSON.stringify(body)}`);
  return Number(body.result);
}

/** A provider pinned to the endpoint's chain id, so later calls never re-detect the network. */
export async function connectRpc(rpcUrl: string): Promise<JsonRpcProvider> {
  let chainId: number;
  try {
    chainId = await fetchChainId(rpcUrl);
  } catch (cause) {
    throw new MedflError('CHAIN_UNAVAILABLE', `no EVM JSON-RPC endpoint answers at ${rpcUrl}; start one with \`medfl chain start\` or pass --rpc`, { cause });
  }
  return new JsonRpcProvider(rpcUrl, Network.from(chainId), { staticNetwork: true });
}
