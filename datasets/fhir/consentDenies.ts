// Reads a FHIR R4 Consent: does it, while active, deny use of the patient's data for one of the given purposes?
import type { Consent, ConsentProvision } from 'fhir/r4.js';

/** v3-ActReason HRESRCH: healthcare research, the purpose medfl training falls under. */
export const RESEARCH_PURPOSE = 'HRESRCH';

/**
 * True when an active Consent has a deny provision (at any nesting depth) for one of `purposes`. A deny
 * provision naming no purpose denies every purpose. Anything but `active` (draft, rejected, inactive,
 * entered-in-error) decides nothing.
 */
export function consentDenies(consent: Consent, purposes: readonly string[]): boolean {
  if (consent.status !== 'active' || consent.provision === undefined) return false;
  return provisionDenies(consent.provision, purposes);
}

function provisionDenies(provision: ConsentProvision, purposes: readonly string[]): boolean {
  if (provision.type === 'deny') {
    const named = (provision.purpose ?? []).map((coding) => coding.code).filter((code) => code !== undefined);
    if (named.length === 0 || named.some((code) => purposes.includes(code))) return true;
  }
  return (provision.provision ?? []).some((nested) => provisionDenies(nested, purposes));
}
