import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { validateFhirResource } from '../../../consortium/card/validateFhirResource.ts';
import { MedflError } from '../../../common/MedflError.ts';

describe('validateFhirResource', () => {
  it('refuses a resource the R4 definitions reject with FHIR_RESOURCE_INVALID naming every problem', () => {
    const broken = { resourceType: 'Provenance', target: [{ display: 'a model' }], recorded: '2026-01-01', agent: [{ type: { text: 'site' } }], colour: 'blue' };
    let thrown: unknown;
    try {
      validateFhirResource(broken as Resource);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MedflError);
    const error = thrown as MedflError;
    expect(error.code).toBe('FHIR_RESOURCE_INVALID');
    expect(error.message).toMatch(/^the Provenance medfl built is not valid FHIR R4: /);
    expect(error.message).toContain('Invalid instant format (Provenance.recorded)');
    expect(error.message).toContain('Missing required property (Provenance.agent[0].who)');
    expect(error.message).toContain('Invalid additional property "colour" (Provenance.colour)');
  });

  it('accepts a minimal valid resource', () => {
    const device = { resourceType: 'Device', identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:medfl:model:sha256:0x01' }] };
    expect(() => validateFhirResource(device as Resource)).not.toThrow();
  });
});
