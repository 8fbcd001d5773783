import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { checkConsentMembership } from '../../../common/consent/checkConsentMembership.ts';
import { consentOpening, consentPseudonym } from '../../../common/consent/consentPseudonym.ts';
import { ConsentTree } from '../../../common/consent/consentTree.ts';

const key = new Uint8Array(32).fill(7);
const pseudonymOf = (patient: string): Hash32 => consentPseudonym(patient, consentOpening(key, 'run-1', patient));
const patients = (count: number): string[] => Array.from({ length: count }, (_, i) => `patient-${i}`);

describe('checkConsentMembership', () => {
  it('refuses an inclusion proof for another patient and an exclusion proof for a member', () => {
    const tree = new ConsentTree(patients(6).map(pseudonymOf));
    const inclusion = tree.membership(pseudonymOf('patient-2'));
    expect(checkConsentMembership(tree.root, pseudonymOf('patient-3'), inclusion)).toBe(false);
    const exclusion = tree.membership(pseudonymOf('outsider'));
    const [low] = exclusion.branches;
    // Claiming the lower neighbour itself is absent: it is not strictly between the bracketing leaves.
    expect(checkConsentMembership(tree.root, low!.pseudonym, exclusion)).toBe(false);
    expect(checkConsentMembership(tree.root, pseudonymOf('outsider'), { ...exclusion, kind: 'inclusion' })).toBe(false);
  });

  it('refuses non-adjacent brackets, a lying leaf count and a tampered sibling', () => {
    const tree = new ConsentTree(patients(9).map(pseudonymOf));
    const sorted = tree.pseudonyms;
    // A member between leaves 2 and 4 "excluded" with the branches of 2 and 4: they are not adjacent.
    const gap = { kind: 'exclusion' as const, leafCount: 9, branches: [tree.branch(2), tree.branch(4)] };
    expect(checkConsentMembership(tree.root, sorted[3]!, gap)).toBe(false);
    // The last leaf passed off as the last of a smaller tree, to exclude everything above it.
    const edge = { kind: 'exclusion' as const, leafCount: 5, branches: [tree.branch(4)] };
    expect(checkConsentMembership(tree.root, sorted[6]!, edge)).toBe(false);
    const inclusion = tree.membership(sorted[5]!);
    const branch = inclusion.branches[0]!;
    const tampered = { ...inclusion, branches: [{ ...branch, siblings: [`0x${'ab'.repeat(32)}` as Hash32, ...branch.siblings.slice(1)] }] };
    expect(checkConsentMembership(tree.root, sorted[5]!, tampered)).toBe(false);
  });
});
