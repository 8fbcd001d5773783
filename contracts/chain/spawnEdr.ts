// Starts Hardhat's simulated network (EDR) as a JSON-RPC node on 127.0.0.1 unless told another address: edrNode.ts
// in its own Node process (through tsx, as bin/medfl.js runs the CLI), tethered to this process by spawnChainNode.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnChainNode, type ChainNode } from './spawnChainNode.ts';

const EDR_NODE = fileURLToPath(new URL('./edrNode.ts', import.meta.url));

/** A fresh in-memory chain (Hardhat's defaults: chain id 31337, automine); port 0 picks a free port. */
export async function spawnEdr(options: { host?: string; port?: number } = {}): Promise<ChainNode> {
  const host = options.host ?? '127.0.0.1';
  // tsx's loader by absolute URL, so the child starts from any working directory.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return spawnChainNode('EDR', host, process.execPath, ['--import', tsxLoader, EDR_NODE, host, String(options.port ?? 0)]);
}
