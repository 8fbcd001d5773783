// The chain a local run uses: an embedded anvil in its own process, or an existing endpoint with an admin key.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { authorizeCoordinator as authorize } from '../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../contracts/chain/devAccounts.ts';
import { MedflProcess } from './MedflProcess.ts';

export interface LocalChain {
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  /** The ledger admin grants the run's coordinator COORDINATOR_ROLE and gas money (kits hold fresh keys). */
  authorizeCoordinator(address: string): Promise<void>;
  close(): Promise<void>;
}

/** Uses `existing` if given; otherwise starts `medfl chain start` with its state under `workDir/chain`. */
export async function connectChain(
  workDir: string,
  existing?: { rpcUrl: string; ledgerAddress: string; adminKey: string },
): Promise<LocalChain> {
  if (existing) {
    return { ...existing, authorizeCoordinator: (address) => authorize(existing.rpcUrl, existing.ledgerAddress, existing.adminKey, address), close: async () => undefined };
  }
  const dir = join(workDir, 'chain');
  mkdirSync(dir, { recursive: true });
  const anvil = new MedflProcess('chain', ['chain', 'start', '--json', '--port', '0', '--state', join(dir, 'state.json')], join(dir, 'chain.log'));
  const ready = await anvil.waitForJson(
    (line) => (typeof line.rpcUrl === 'string' ? { rpcUrl: line.rpcUrl, ledgerAddress: String(line.ledgerAddress) } : undefined),
    60_000,
  ).catch(async (error: unknown) => {
    await anvil.stop();
    throw error;
  });
  // The embedded chain's ledger was deployed by anvil's first dev account, which holds the admin role.
  const adminKey = devWallet(0).privateKey;
  return {
    ...ready,
    authorizeCoordinator: (address) => authorize(ready.rpcUrl, ready.ledgerAddress, adminKey, address),
    close: async () => void (await anvil.stop()),
  };
}
