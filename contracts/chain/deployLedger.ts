// Deploys RoundLedger from the committed artifact and gives the deployer COORDINATOR_ROLE.
import { ContractFactory, NonceManager, type Signer } from 'ethers';
import { ledgerArtifact } from '../ledgerArtifact.ts';
import { ledgerContract } from '../ledgerContract.ts';

export interface DeployedLedger {
  readonly address: string;
  readonly deployBlock: number;
}

/** The deployer administers roles; it also becomes a coordinator so one dev account can run a demo. */
export async function deployLedger(signer: Signer): Promise<DeployedLedger> {
  // Two transactions back to back: ethers caches the nonce read for 250 ms, so without a manager the second can
  // reuse the first's nonce ("nonce too low", seen in CI-like runs).
  const deployer = signer instanceof NonceManager ? signer : new NonceManager(signer);
  const { abi, bytecode } = ledgerArtifact();
  const factory = new ContractFactory(abi, bytecode, deployer);
  const contract = await factory.deploy();
  const receipt = await contract.deploymentTransaction()?.wait();
  const address = await contract.getAddress();
  const ledger = ledgerContract(address, deployer);
  const role = (await ledger.getFunction('COORDINATOR_ROLE')()) as string;
  await (await ledger.getFunction('grantRole')(role, await deployer.getAddress())).wait();
  return { address, deployBlock: receipt?.blockNumber ?? 0 };
}
