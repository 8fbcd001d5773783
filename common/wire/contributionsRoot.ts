// The contributions Merkle root both sides compute: OpenZeppelin StandardMerkleTree over (address, examples, digest).
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import type { Hash32 } from '../canonicalJson.ts';
import type { ContributionLeaf } from './protocolTypes.ts';

/** Leaf encoding (address, uint256, bytes32) as the contract's MerkleProof.verify expects it. */
export function contributionsRoot(leaves: readonly ContributionLeaf[]): Hash32 {
  const values = leaves.map((leaf) => [leaf.address, String(leaf.examples), leaf.digest]);
  return StandardMerkleTree.of(values, ['address', 'uint256', 'bytes32']).root as Hash32;
}
