// The contributions Merkle tree of a round: the root on chain, the leaf order commitRound needs, per-leaf proofs.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import type { Hash32 } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';

/**
 * Leaf encoding shared with RoundLedger.sol (ContributionLeaves.sol):
 * keccak256(bytes.concat(keccak256(abi.encode(site, examples, digest, epsilonMicros, consentRoot)))).
 */
export const CONTRIBUTION_LEAF_ENCODING = ['address', 'uint256', 'bytes32', 'uint256', 'bytes32'];

/** One contribution as the contract sees it (extra fields such as a site name are ignored). */
export interface ContributionInput {
  readonly address: string;
  readonly examples: number;
  readonly digest: Hash32;
  /** The site's cumulative DP ε after this round's training, in millionths, as it signed it (0 without DP-SGD). */
  readonly epsilonMicros: number;
  /** The site's consent root for the round as it signed it (common/consent/consentTree.ts; zeros without patient ids). */
  readonly consentRoot: Hash32;
}

/** A leaf with its proof, as written in the contributions manifest a reviewer checks with `medfl verify`. */
export interface ManifestLeaf extends ContributionInput {
  readonly proof: Hash32[];
}

export interface ContributionsManifest {
  /** The round the manifest belongs to, when the builder knew it. */
  readonly runId?: string;
  readonly round?: number;
  readonly root: Hash32;
  readonly leafEncoding: string[];
  readonly leaves: ManifestLeaf[];
}

export interface ContributionsTree {
  readonly root: Hash32;
  /** The leaves in `getMultiProof(allIndices).leaves` order: the order commitRound verifies without proof nodes. */
  readonly orderedLeaves: ContributionInput[];
  readonly manifest: ContributionsManifest;
}

type LeafValue = [string, string, string, string, string];

/** A contribution as StandardMerkleTree takes it under CONTRIBUTION_LEAF_ENCODING (numbers as decimal strings). */
export function contributionLeafValue(leaf: ContributionInput): LeafValue {
  return [leaf.address, String(leaf.examples), leaf.digest, String(leaf.epsilonMicros), leaf.consentRoot];
}

/** Builds the tree (same root as contributionsRoot.ts: StandardMerkleTree sorts leaves by hash). */
export function buildContributionsTree(
  leaves: readonly ContributionInput[],
  roundOf: { runId: string; round: number } | Record<string, never> = {},
): ContributionsTree {
  if (leaves.length === 0) throw new MedflError('LEDGER_INPUT_INVALID', 'a round needs at least one contribution to build its Merkle tree');
  const values = leaves.map(contributionLeafValue);
  const tree = StandardMerkleTree.of(values, CONTRIBUTION_LEAF_ENCODING);
  const multiproof = tree.getMultiProof(values.map((_, index) => index));
  const byValue = new Map(values.map((value, index) => [value.join('|'), leaves[index]!]));
  const orderedLeaves = multiproof.leaves.map((value) => pick(byValue.get(value.join('|'))!));
  const manifestLeaves = values.map((value, index) => ({ ...pick(leaves[index]!), proof: tree.getProof(index) as Hash32[] }));
  const root = tree.root as Hash32;
  return { root, orderedLeaves, manifest: { ...roundOf, root, leafEncoding: CONTRIBUTION_LEAF_ENCODING, leaves: manifestLeaves } };
}

/** Whether `proof` shows `leaf` is in the tree with `root`. */
export function verifyContributionProof(root: Hash32, leaf: ContributionInput, proof: readonly Hash32[]): boolean {
  try {
    return StandardMerkleTree.verify(root, CONTRIBUTION_LEAF_ENCODING, contributionLeafValue(leaf), [...proof]);
  } catch {
    return false;
  }
}

function pick(leaf: ContributionInput): ContributionInput {
  return { address: leaf.address, examples: leaf.examples, digest: leaf.digest, epsilonMicros: leaf.epsilonMicros, consentRoot: leaf.consentRoot };
}
