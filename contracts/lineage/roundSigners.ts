// Who really signed a committed round: the EIP-712 signatures are taken from the commitRound transaction's calldata
// and recovered here, so a reviewer does not take the signers from events a contract at that address chose to emit.
import { Signature, type Interface, type Provider } from 'ethers';
import type { RoundAttestation } from '../../common/wire/roundAttestation.ts';
import { recoverAttester, type LedgerDomain } from '../attestation.ts';

interface CompactSignature {
  readonly r: string;
  readonly vs: string;
}

/** The signers of `attestation`, or none when `txHash` is not a commitRound sent to the ledger. */
export async function roundSigners(provider: Provider, abi: Interface, domain: LedgerDomain, attestation: RoundAttestation, txHash: string): Promise<string[]> {
  const transaction = await provider.getTransaction(txHash);
  if (!transaction || transaction.to?.toLowerCase() !== domain.ledger.toLowerCase()) return [];
  const call = abi.parseTransaction({ data: transaction.data });
  if (call?.name !== 'commitRound') return [];
  const signatures = call.args.getValue('signatures') as CompactSignature[];
  return signatures.map((signature) => recoverAttester(domain, attestation, Signature.from({ r: signature.r, yParityAndS: signature.vs }).serialized));
}
