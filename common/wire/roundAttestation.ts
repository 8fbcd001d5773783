// The attested round: the seven fields a site signs (EIP-712), the coordinator commits and the contract stores.
// This list is their one source: the EIP-712 type is derived from it, and test/common/wire/roundAttestation.test.ts
// checks the proto, the zod schema and RoundLedger's ABI against it.
import type { TypedValues } from './typedFields.ts';

/**
 * Each field in RoundLedger's ROUND_ATTESTATION_TYPEHASH order, with its Solidity type and the proto type that carries
 * it. runId travels as a decimal string because on-chain run ids are uint256 and may exceed 2^53.
 */
export const ROUND_ATTESTATION_FIELDS = [
  { name: 'runId', solidity: 'uint256', proto: 'string' },
  { name: 'round', solidity: 'uint256', proto: 'uint32' },
  { name: 'prevModelHash', solidity: 'bytes32', proto: 'string' },
  { name: 'modelHash', solidity: 'bytes32', proto: 'string' },
  { name: 'aggregateDigest', solidity: 'bytes32', proto: 'string' },
  { name: 'contributionsRoot', solidity: 'bytes32', proto: 'string' },
  { name: 'totalExamples', solidity: 'uint256', proto: 'uint32' },
] as const;

/** What RoundLedger's ROUND_ATTESTATION_TYPEHASH covers, as TypeScript values. */
export type RoundAttestation = TypedValues<typeof ROUND_ATTESTATION_FIELDS>;
