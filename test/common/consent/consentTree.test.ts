import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { checkConsentMembership } from '../../../common/consent/checkConsentMembership.ts';
import { consentOpening, consentPseudonym } from '../../../common/consent/consentPseudonym.ts';
import { ConsentTree } from '../../../common/consent/consentTree.ts';

const key = new Uint8Array(32).fill(7);
const pseudonymOf = (patient: string): Hash32 => consentPseudonym(patient, consentOpening(key, 'run-1', patient));
const patients = (count: number): string[] => Array.from({ length: count }, (_, i) => `patient-${i}`);

describe('ConsentTree', () => {
  it.each([1, 2, 3, 5, 8, 13])('proves every one of %i patients in and outsiders out', (count) => {
    const tree = new ConsentTree(patients(count).map(pseudonymOf));
    for (const patient of patients(count)) {
      const membership = tree.membership(pseudonymOf(patient));
      expect(membership.kind).toBe('inclusion');
      expect(checkConsentMembership(tree.root, pseudonymOf(patient), membership)).toBe(true);
    }
    for (const outsider of ['withdrawn-a', 'withdrawn-b', 'withdrawn-c', 'withdrawn-d']) {
      const membership = tree.membership(pseudonymOf(outsider));
      expect(membership.kind).toBe('exclusion');
      expect(checkConsentMembership(tree.root, pseudonymOf(outsider), membership)).toBe(true);
    }
  });

  it('proves anyone out of an empty tree, and an empty proof fails against a non-empty root', () => {
    const empty = new ConsentTree([]);
    const membership = empty.membership(pseudonymOf('x'));
    expect(membership).toEqual({ kind: 'exclusion', leafCount: 0, branches: [] });
    expect(checkConsentMembership(empty.root, pseudonymOf('x'), membership)).toBe(true);
    expect(checkConsentMembership(new ConsentTree([pseudonymOf('y')]).root, pseudonymOf('x'), membership)).toBe(false);
  });

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

  it('derives openings per key, run and patient, and hides the key behind them', () => {
    expect(consentOpening(key, 'run-1', 'p')).not.toBe(consentOpening(key, 'run-2', 'p'));
    expect(consentOpening(key, 'run-1', 'p')).not.toBe(consentOpening(new Uint8Array(32).fill(8), 'run-1', 'p'));
    expect(consentPseudonym('p', consentOpening(key, 'run-1', 'p'))).toMatch(/^0x[0-9a-f]{64}$/);
    expect(consentPseudonym('ab', consentOpening(key, 'run-1', 'c'))).not.toBe(consentPseudonym('a', consentOpening(key, 'run-1', 'bc')));
  });
});
