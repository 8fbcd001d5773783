// An ethers Contract bound to the RoundLedger ABI at an address (read-only with a provider, writable with a signer).
import { Contract, type ContractRunner } from 'ethers';
import { ledgerArtifact } from './ledgerArtifact.ts';

export function ledgerContract(address: string, runner: ContractRunner): Contract {
  return new Contract(address, ledgerArtifact().abi, runner);
}
