import type { Consent } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { consentDenies } from '../../../datasets/fhir/consentDenies.ts';

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const base: Consent = { resourceType: 'Consent', status: 'active', scope: {}, category: [] };

describe('consentDenies', () => {
  it('denies when an active Consent has a deny provision for a named purpose', () => {
    const consent: Consent = { ...base, provision: { type: 'deny', purpose: [{ system: ACT_REASON, code: 'HRESRCH' }] } };
    expect(consentDenies(consent, ['HRESRCH'])).toBe(true);
    expect(consentDenies(consent, ['TREAT'])).toBe(false);
  });

  it('finds a deny nested in a permit (the usual opt-out shape)', () => {
    const consent: Consent = { ...base, provision: { type: 'permit', provision: [{ type: 'deny', purpose: [{ code: 'HRESRCH' }] }] } };
    expect(consentDenies(consent, ['HRESRCH'])).toBe(true);
  });

  it('treats a deny without purposes as denying every purpose', () => {
    expect(consentDenies({ ...base, provision: { type: 'deny' } }, ['HRESRCH'])).toBe(true);
  });

  it('decides nothing unless active, and a permit never denies', () => {
    const deny = { type: 'deny' as const, purpose: [{ code: 'HRESRCH' }] };
    for (const status of ['draft', 'proposed', 'rejected', 'inactive', 'entered-in-error'] as const) {
      expect(consentDenies({ ...base, status, provision: deny }, ['HRESRCH'])).toBe(false);
    }
    expect(consentDenies({ ...base, provision: { type: 'permit', purpose: [{ code: 'HRESRCH' }] } }, ['HRESRCH'])).toBe(false);
    expect(consentDenies(base, ['HRESRCH'])).toBe(false);
  });
});
