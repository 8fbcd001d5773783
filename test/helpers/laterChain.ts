// Test helper: a second fresh embedded chain whose ledger deployment falls in a later second than `earlier`'s, as an
// attacker's chain started after the consortium's would (two anvils started within one second share block hashes).
import { JsonRpcProvider } from 'ethers';
import { startChain, type ChainEngine, type RunningChain } from '../../contracts/chain/startChain.ts';

export async function startLaterChain(earlier: RunningChain, engine: ChainEngine = 'anvil'): Promise<RunningChain> {
  const provider = new JsonRpcProvider(earlier.rpcUrl, undefined, { staticNetwork: true });
  const deployed = (await provider.getBlock('latest'))!.timestamp;
  provider.destroy();
  while (Math.floor(Date.now() / 1000) <= deployed) await new Promise((resolve) => setTimeout(resolve, 50));
  return startChain({ engine, port: 0 });
}
