// The contributions tree: same root as the coordinator's helper, multiproof leaf order, per-leaf proofs.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { AbiCoder, keccak256 } from 'ethers';
import { describe, expect, it } from 'vitest';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import { buildContributionsTree, CONTRIBUTION_LEAF_ENCODING, verifyContributionProof } from '../../common/wire/contributionsTree.ts';
import { hashOf, siteWallets } from './signedRound.ts';

const leaves = siteWallets('tree-test', 5).map((site, index) => ({ site: `hospital-${index}`, address: site.address, examples: 7 * (index + 1), digest: hashOf(`digest ${index}`), epsilonMicros: 500_000 * index, consentRoot: hashOf(`consent ${index}`) }));

describe('buildContributionsTree', () => {
  it('has the root common/wire/contributionsRoot computes, whatever the input order', () => {
    const tree = buildContributionsTree(leaves);
    expect(tree.root).toBe(contributionsRoot(leaves));
    expect(buildContributionsTree([...leaves].reverse()).root).toBe(tree.root);
  });

  it('orders leaves so all of them verify as a multiproof with no proof nodes and every flag true', () => {
    const tree = buildContributionsTree(leaves);
    const leafValues = tree.orderedLeaves.map((leaf) => [leaf.address, String(leaf.examples), leaf.digest, String(leaf.epsilonMicros), leaf.consentRoot]);
    const flags = Array.from({ length: leaves.length - 1 }, () => true);
    expect(StandardMerkleTree.verifyMultiProof(tree.root, CONTRIBUTION_LEAF_ENCODING, { leaves: leafValues, proof: [], proofFlags: flags })).toBe(true);
    expect(tree.orderedLeaves.map((leaf) => leaf.address).sort()).toEqual(leaves.map((leaf) => leaf.address).sort());
  });

  it('writes a manifest whose every proof verifies and names its round', () => {
    const { manifest } = buildContributionsTree(leaves, { runId: '3', round: 2 });
    expect(manifest).toMatchObject({ runId: '3', round: 2, leafEncoding: CONTRIBUTION_LEAF_ENCODING });
    for (const leaf of manifest.leaves) expect(verifyContributionProof(manifest.root, leaf, leaf.proof)).toBe(true);
    const forged = { ...manifest.leaves[0]!, examples: manifest.leaves[0]!.examples + 1 };
    expect(verifyContributionProof(manifest.root, forged, forged.proof)).toBe(false);
    const understated = { ...manifest.leaves[1]!, epsilonMicros: manifest.leaves[1]!.epsilonMicros - 1 };
    expect(verifyContributionProof(manifest.root, understated, understated.proof)).toBe(false);
    const otherPatients = { ...manifest.leaves[1]!, consentRoot: hashOf('other patients') };
    expect(verifyContributionProof(manifest.root, otherPatients, otherPatients.proof)).toBe(false);
    expect(verifyContributionProof(manifest.root, manifest.leaves[0]!, ['0x1234'])).toBe(false);
  });

  it('hashes each leaf as RoundLedger does: abi.encode(address, uint256 examples, bytes32 digest, uint256 epsilonMicros, bytes32 consentRoot)', () => {
    expect(CONTRIBUTION_LEAF_ENCODING).toEqual(['address', 'uint256', 'bytes32', 'uint256', 'bytes32']);
    const leaf = leaves[2]!;
    const encoded = AbiCoder.defaultAbiCoder().encode(CONTRIBUTION_LEAF_ENCODING, [leaf.address, leaf.examples, leaf.digest, leaf.epsilonMicros, leaf.consentRoot]);
    expect(StandardMerkleTree.of([[leaf.address, String(leaf.examples), leaf.digest, String(leaf.epsilonMicros), leaf.consentRoot]], CONTRIBUTION_LEAF_ENCODING).root).toBe(keccak256(keccak256(encoded)));
    expect(contributionsRoot([leaf])).toBe(keccak256(keccak256(encoded)));
    expect(contributionsRoot([{ ...leaf, epsilonMicros: leaf.epsilonMicros + 1 }])).not.toBe(contributionsRoot([leaf]));
    expect(contributionsRoot([{ ...leaf, consentRoot: hashOf('other patients') }])).not.toBe(contributionsRoot([leaf]));
  });

  it('refuses an empty round', () => {
    expect(() => buildContributionsTree([])).toThrow(expect.objectContaining({ code: 'LEDGER_INPUT_INVALID' }));
  });
});
