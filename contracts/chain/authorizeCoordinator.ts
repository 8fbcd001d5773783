// The ledger admin's step before a run: grant the coordinator's fresh key COORDINATOR_ROLE and gas money.
import { NonceManager, Wallet, parseEther } from 'ethers';
import { ledgerContract } from '../ledgerContract.ts';
import { connectRpc } from './connectRpc.ts';

const COORDINATOR_FUNDING = parseEther('10');

export async function authorizeCoordinator(rpcUrl: string, ledgerAddress: string, adminKey: string, coordinator: string): Promise<void> {
  const provider = await connectRpc(rpcUrl);
  try {
    // ethers caches identical RPC reads for 250 ms, so two quick transactions would reuse a nonce without a manager.
    const admin = new NonceManager(new Wallet(adminKey, provider));
    const ledger = ledgerContract(ledgerAddress, admin);
    const role = (await ledger.getFunction('COORDINATOR_ROLE')()) as string;
    await (await ledger.getFunction('grantRole')(role, coordinator)).wait();
    await (await admin.sendTransaction({ to: coordinator, value: COORDINATOR_FUNDING })).wait();
  } finally {
    provider.destroy();
  }
}
