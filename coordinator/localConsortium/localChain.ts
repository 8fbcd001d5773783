// The chain a local run uses: an embedded anvil in its own process, or an existing endpoint with an admin key.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NonceManager, Wallet, parseEther } from 'ethers';
import { connectRpc } from '../../contracts/chain/connectRpc.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { ledgerContract } from '../../contracts/ledgerContract.ts';
import { MedflProcess } from './MedflProcess.ts';

export interface LocalChain {
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  /** The ledger admin grants the run's coordinator COORDINATOR_ROLE and gas money (kits hold fresh keys). */
  authorizeCoordinator(address: string): Promise<void>;
  close(): Promise<void>;
}

const COORDINATOR_FUNDING = parseEther('10');

async function authorize(rpcUrl: string, ledgerAddress: string, adminKey: string, coordinator: string): Promise<void> {
  // ethers caches identical RPC reads for 250 ms, so two quick transactions would reuse a nonce without a manager.
  const admin = new NonceManager(new Wallet(adminKey, await connectRpc(rpcUrl)));
  const ledger = ledgerContract(ledgerAddress, admin);
  const role = (await ledger.getFunction('COORDINATOR_ROLE')()) as string;
  await (await ledger.getFunction('grantRole')(role, coordinator)).wait();
  await (await admin.sendTransaction({ to: coordinator, value: COORDINATOR_FUNDING })).wait();
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
