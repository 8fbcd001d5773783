// Checks a consent-tree membership proof against a committed root with no site secret: pure, so a patient, an
// auditor or a test runs it anywhere.
import type { Hash32 } from '../canonicalJson.ts';
import { committedRoot, leafHash, nodeHash, type ConsentBranch, type ConsentMembership } from './consentTree.ts';

/** The tree root `branch` leads to in a tree of `leafCount` leaves, or undefined when its shape does not fit. */
function branchRoot(branch: ConsentBranch, leafCount: number): Buffer | undefined {
  if (!Number.isSafeInteger(branch.index) || branch.index < 0 || branch.index >= leafCount) return undefined;
  let hash = leafHash(branch.pseudonym);
  let position = branch.index;
  let width = leafCount;
  let used = 0;
  while (width > 1) {
    const isRight = position % 2 === 1;
    // A level's odd last node moves up unchanged, as ConsentTree builds it.
    if (isRight || position + 1 < width) {
      const sibling = branch.siblings[used];
      if (sibling === undefined) return undefined;
      const other = Buffer.from(sibling.slice(2), 'hex');
      hash = isRight ? nodeHash(other, hash) : nodeHash(hash, other);
      used += 1;
    }
    position = Math.floor(position / 2);
    width = Math.ceil(width / 2);
  }
  return used === branch.siblings.length ? hash : undefined;
}

function leadsTo(root: Hash32, leafCount: number, branch: ConsentBranch): boolean {
  const tree = branchRoot(branch, leafCount);
  return tree !== undefined && committedRoot(leafCount, tree) === root;
}

/**
 * Whether `membership` proves `pseudonym` in (inclusion) or out of (exclusion) the tree committed as `root`. An
 * exclusion needs the leaves on both sides to be adjacent and to bracket it, or the first/last leaf at an edge.
 */
export function checkConsentMembership(root: Hash32, pseudonym: Hash32, membership: ConsentMembership): boolean {
  const { kind, leafCount, branches } = membership;
  if (!Number.isSafeInteger(leafCount) || leafCount < 0) return false;
  if (!branches.every((branch) => leadsTo(root, leafCount, branch))) return false;
  if (kind === 'inclusion') return branches.length === 1 && branches[0]!.pseudonym === pseudonym;
  if (branches.length === 0) return leafCount === 0 && committedRoot(0, Buffer.alloc(32)) === root;
  const [first, second] = branches;
  if (branches.length === 2) {
    return second!.index === first!.index + 1 && first!.pseudonym < pseudonym && pseudonym < second!.pseudonym;
  }
  if (branches.length !== 1) return false;
  const edge = first!;
  return (edge.index === 0 && pseudonym < edge.pseudonym) || (edge.index === leafCount - 1 && edge.pseudonym < pseudonym);
}
