// EIP-712 RoundAttestation: the typed data a site signs for a round, and recovery of its signer (as the contract does).
import { Signature, TypedDataEncoder, verifyTypedData, type Signer, type TypedDataDomain, type TypedDataField } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import { ROUND_ATTESTATION_FIELDS, type RoundAttestation } from '../common/wire/roundAttestation.ts';
import { MedflError } from '../common/MedflError.ts';

/** Which ledger the signature is for: the EIP-712 domain binds chain and contract, so it cannot be replayed elsewhere. */
export interface LedgerDomain {
  readonly chainId: number;
  readonly ledger: string;
}

/** The EIP-712 type, derived from the one list of attested fields (the contract's struct has the same order). */
export const ROUND_ATTESTATION_TYPES = {
  RoundAttestation: ROUND_ATTESTATION_FIELDS.map(({ name, solidity }) => ({ name, type: solidity })),
};

/** RoundLedger's EIP-712 domain for `domain`: the one attestations and the coordinator's update receipts are signed in. */
export function ledgerTypedDomain(domain: LedgerDomain): TypedDataDomain {
  return { name: 'RoundLedger', version: '1', chainId: domain.chainId, verifyingContract: domain.ledger };
}

/** The EIP-712 domain, types and message for one attestation (what wallets and `cast` display). */
export function roundAttestationTypedData(domain: LedgerDomain, attestation: RoundAttestation) {
  const typedDomain = ledgerTypedDomain(domain);
  const message = {
    runId: BigInt(attestation.runId),
    round: BigInt(attestation.round),
    prevModelHash: attestation.prevModelHash,
    modelHash: attestation.modelHash,
    aggregateDigest: attestation.aggregateDigest,
    contributionsRoot: attestation.contributionsRoot,
    totalExamples: BigInt(attestation.totalExamples),
  };
  return { domain: typedDomain, types: ROUND_ATTESTATION_TYPES, primaryType: 'RoundAttestation' as const, message };
}

/** The digest the contract recovers signers from (`_hashTypedDataV4`). */
export function roundAttestationDigest(domain: LedgerDomain, attestation: RoundAttestation): Hash32 {
  const typed = roundAttestationTypedData(domain, attestation);
  return TypedDataEncoder.hash(typed.domain, typed.types, typed.message) as Hash32;
}

/** A site's 65-byte signature over the attestation. */
export async function signRoundAttestation(wallet: Signer, domain: LedgerDomain, attestation: RoundAttestation): Promise<string> {
  const typed = roundAttestationTypedData(domain, attestation);
  return wallet.signTypedData(typed.domain, typed.types, typed.message);
}

/** The checksummed address that signed `signature`; a malformed signature is SIGNATURE_INVALID. */
export function recoverAttester(domain: LedgerDomain, attestation: RoundAttestation, signature: string): string {
  return recoverTypedSigner(roundAttestationTypedData(domain, attestation), signature, 'round attestation');
}

/** The checksummed address that signed typed data in the ledger's domain; a malformed signature is SIGNATURE_INVALID. */
export function recoverTypedSigner(
  typed: { domain: TypedDataDomain; types: Record<string, TypedDataField[]>; message: Record<string, unknown> },
  signature: string,
  what: string,
): string {
  try {
    Signature.from(signature);
    return verifyTypedData(typed.domain, typed.types, typed.message, signature);
  } catch (cause) {
    throw new MedflError('SIGNATURE_INVALID', `${what} signature is malformed (${String(signature).slice(0, 20)}…)`, { cause });
  }
}
