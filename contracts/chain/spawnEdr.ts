// Starts Hardhat's simulated network (EDR) as a JSON-RPC node on 127.0.0.1 unless told another address: edrNode.ts
// in its own Node process (on medfl's TypeScript loader, as bin/medfl.js runs the CLI), tethered to this process by
// spawnChainNode.
import { fileURLToPath } from 'node:url';
import { spawnChainNode, type ChainNode } from './spawnChainNode.ts';

const EDR_NODE = fileURLToPath(new URL('./edrNode.ts', import.meta.url));
const TYPESCRIPT_LOADER = fileURLToPath(new URL('../../bin/loadTypeScript.js', import.meta.url));

/** A fresh in-memory chain (Hardhat's defaults: chain id 31337, automine); port 0 picks a free port. */
export async function spawnEdr(options: { host?: string; port?: number } = {}): Promise<ChainNode> {
  const host = options.host ?? '127.0.0.1';
  return spawnChainNode('EDR', host, process.execPath, ['--import', TYPESCRIPT_LOADER, EDR_NODE, host, String(options.port ?? 0)]);
}
