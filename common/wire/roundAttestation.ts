// The attested round: the seven fields a site signs (EIP-712), the coordinator commits and the contract stores.
import type { Hash32 } from '../canonicalJson.ts';

/** What RoundLedger's ROUND_ATTESTATION_TYPEHASH covers; runId is the on-chain run id as a decimal string. */
export interface RoundAttestation {
  readonly runId: string;
  readonly round: number;
  readonly prevModelHash: Hash32;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
}
