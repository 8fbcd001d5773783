// A site's consent tree for one round: a Merkle tree over the SORTED pseudonyms of the patients it trained on, so that
// two adjacent leaves prove a pseudonym absent. Positional (not OpenZeppelin's sorted-pair) hashing, because an
// exclusion proof must show that its two leaves sit side by side.
import { createHash } from 'node:crypto';
import type { Hash32 } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';

/** One leaf with the sibling hashes from it up to the tree root (bottom first; a level's odd last node has none). */
export interface ConsentBranch {
  readonly index: number;
  readonly pseudonym: Hash32;
  readonly siblings: readonly Hash32[];
}

/** Inclusion: the pseudonym's own branch. Exclusion: the branches of its neighbours (one at an edge, none if empty). */
export interface ConsentMembership {
  readonly kind: 'inclusion' | 'exclusion';
  readonly leafCount: number;
  readonly branches: readonly ConsentBranch[];
}

const EMPTY = Buffer.alloc(32);

export function leafHash(pseudonym: Hash32): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(bytesOf(pseudonym)).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

/** The root that goes into the signed leaf: binds the leaf count, so an edge leaf cannot be passed off as the last one. */
export function committedRoot(leafCount: number, treeRoot: Buffer): Hash32 {
  const count = Buffer.alloc(8);
  count.writeBigUInt64BE(BigInt(leafCount));
  return `0x${createHash('sha256').update(Buffer.of(2)).update(count).update(treeRoot).digest('hex')}`;
}

export class ConsentTree {
  /** levels[0] are the leaf hashes in pseudonym order; the last level holds the tree root. */
  private readonly levels: Buffer[][];
  readonly pseudonyms: readonly Hash32[];
  readonly root: Hash32;

  constructor(pseudonyms: Iterable<Hash32>) {
    this.pseudonyms = [...new Set(pseudonyms)].sort();
    this.levels = [this.pseudonyms.map(leafHash)];
    for (let level = this.levels[0]!; level.length > 1; ) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
      this.levels.push(next);
      level = next;
    }
    this.root = committedRoot(this.pseudonyms.length, this.levels.at(-1)![0] ?? EMPTY);
  }

  branch(index: number): ConsentBranch {
    const pseudonym = this.pseudonyms[index];
    if (pseudonym === undefined) throw new MedflError('CONSENT_PROOF_INVALID', `the consent tree has no leaf ${index}`);
    const siblings: Hash32[] = [];
    let position = index;
    for (const level of this.levels.slice(0, -1)) {
      const sibling = level[position % 2 === 0 ? position + 1 : position - 1];
      if (sibling) siblings.push(`0x${sibling.toString('hex')}`);
      position = Math.floor(position / 2);
    }
    return { index, pseudonym, siblings };
  }

  /** The pseudonym's own branch if it is a leaf, else the branches of the leaves just below and just above it. */
  membership(pseudonym: Hash32): ConsentMembership {
    const leafCount = this.pseudonyms.length;
    const above = lowerBound(this.pseudonyms, pseudonym);
    if (this.pseudonyms[above] === pseudonym) return { kind: 'inclusion', leafCount, branches: [this.branch(above)] };
    const neighbours = [above - 1, above].filter((index) => index >= 0 && index < leafCount);
    return { kind: 'exclusion', leafCount, branches: neighbours.map((index) => this.branch(index)) };
  }
}

/** The first index whose pseudonym is not below `pseudonym` (lower-case hex of equal length sorts as numbers do). */
function lowerBound(sorted: readonly Hash32[], pseudonym: Hash32): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < pseudonym) low = middle + 1;
    else high = middle;
  }
  return low;
}

function bytesOf(hash: Hash32): Buffer {
  return Buffer.from(hash.slice(2), 'hex');
}

/** The consent root a site signs when its data carry no patient identities (the UCI tables): no tree, nothing to prove. */
export const NO_CONSENT_ROOT: Hash32 = `0x${'0'.repeat(64)}`;
