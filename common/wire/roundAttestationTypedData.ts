// The EIP-712 RoundAttestation as RoundLedger.sol checks it (ROUND_ATTESTATION_TYPEHASH, domain "RoundLedger" v1):
// one definition for the sites that sign, the coordinator that pre-checks, and tests.
import type { Hash32 } from '../canonicalJson.ts';

export interface RoundAttestationFields {
  /** The ledger's uint256 run id, as a decimal string. */
  readonly runId: string;
  readonly round: number;
  readonly prevModelHash: Hash32;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
}

export const ROUND_ATTESTATION_TYPES = {
  RoundAttestation: [
    { name: 'runId', type: 'uint256' },
    { name: 'round', type: 'uint256' },
    { name: 'prevModelHash', type: 'bytes32' },
    { name: 'modelHash', type: 'bytes32' },
    { name: 'aggregateDigest', type: 'bytes32' },
    { name: 'contributionsRoot', type: 'bytes32' },
    { name: 'totalExamples', type: 'uint256' },
  ],
};

export function roundAttestationDomain(chainId: number | bigint, ledgerAddress: string) {
  return { name: 'RoundLedger', version: '1', chainId, verifyingContract: ledgerAddress };
}

/** The typed-data message: exactly the seven signed fields (extra properties would change nothing but confuse). */
export function roundAttestationMessage(fields: RoundAttestationFields): Record<string, unknown> {
  const { runId, round, prevModelHash, modelHash, aggregateDigest, contributionsRoot, totalExamples } = fields;
  return { runId: BigInt(runId), round, prevModelHash, modelHash, aggregateDigest, contributionsRoot, totalExamples };
}
