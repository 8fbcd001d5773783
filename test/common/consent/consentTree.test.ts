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
});
