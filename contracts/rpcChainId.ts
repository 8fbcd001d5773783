// Asks a JSON-RPC endpoint for its chain id with a plain fetch, so an unreachable node fails fast (ethers retries forever).
import { MedflError } from '../common/MedflError.ts';

/** The endpoint's chain id; CHAIN_UNAVAILABLE when it does not answer within `timeoutMs`. */
export async function rpcChainId(rpcUrl: string, timeoutMs = 3000): Promise<number> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { result?: unknown };
    if (typeof body.result !== 'string') throw new Error(`eth_chainId answered ${JSON.stringify(body).slice(0, 120)}`);
    return Number(BigInt(body.result));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MedflError('CHAIN_UNAVAILABLE', `no EVM JSON-RPC endpoint answers at ${rpcUrl} (${reason}); start one with \`medfl chain start\``, { cause });
  }
}
