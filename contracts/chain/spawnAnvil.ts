// Starts the anvil binary from the @foundry-rs/anvil npm package (on 127.0.0.1 unless told another address), tethered
// to this process by spawnChainNode.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { spawnChainNode, type ChainNode } from './spawnChainNode.ts';

export type AnvilProcess = ChainNode;

/** The platform package ships the binary; resolving through node_modules keeps it offline. */
export function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const binary = join(dirname(require.resolve(`@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}/package.json`)), 'bin', 'anvil');
  if (!existsSync(binary)) throw new MedflError('CHAIN_START_FAILED', `anvil binary missing at ${binary}; run npm ci`);
  return binary;
}

function anvilArgs(host: string, port: number, stateFile: string | undefined): string[] {
  const args = ['--host', host, '--port', String(port)];
  // --state alone saves only on a clean exit; saving every second keeps the chain across a kill as well.
  if (stateFile) args.push('--state', stateFile, '--state-interval', '1');
  return args;
}

/** Runs anvil on `host` (an IP address, loopback by default); port 0 lets anvil pick a free port, which it prints. */
export async function spawnAnvil(options: { host?: string; port?: number; stateFile?: string } = {}): Promise<AnvilProcess> {
  const host = options.host ?? '127.0.0.1';
  return spawnChainNode('anvil', host, anvilBinary(), anvilArgs(host, options.port ?? 0, options.stateFile));
}
