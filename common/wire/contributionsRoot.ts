// The contributions Merkle root both sides compute: OpenZeppelin StandardMerkleTree over
// (address, examples, digest, epsilonMicros, consentRoot), the leaves contributionsTree.ts and RoundLedger.sol build.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import type { Hash32 } from '../canonicalJson.ts';
import { CONTRIBUTION_LEAF_ENCODING, contributionLeafValue, type ContributionInput } from './contributionsTree.ts';

/** The root the contract's MerkleProof.multiProofVerify checks the round's leaves against. */
export function contributionsRoot(leaves: readonly ContributionInput[]): Hash32 {
  return StandardMerkleTree.of(leaves.map(contributionLeafValue), CONTRIBUTION_LEAF_ENCODING).root as Hash32;
}
