// A Bundle is untrusted JSON (a site's file, a POST to medfl serve): a bad entry list or entry is named, never a TypeError.
import type { FhirResource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { ImportTally } from '../../../datasets/fhir/ImportTally.ts';
import { readBundleValue } from '../../../datasets/fhir/readBundle.ts';

describe('readBundleValue', () => {
  it('refuses a Bundle whose entry is not a list with FHIR_NOT_FHIR', () => {
    expect(() => readBundleValue({ resourceType: 'Bundle', entry: 'x' }, 'b.json', new ImportTally(), () => undefined)).toThrow(
      expect.objectContaining({ code: 'FHIR_NOT_FHIR', message: 'b.json: Bundle.entry is not a list of entries' }),
    );
  });

  it('counts entries that are not objects or hold no resource as malformed, and reads the rest', () => {
    const tally = new ImportTally();
    const read: FhirResource[] = [];
    const patient = { resourceType: 'Patient', id: 'p' };
    readBundleValue({ resourceType: 'Bundle', entry: [null, 7, { resource: null }, { resource: patient }] }, 'b.json', tally, (resource) => void read.push(resource));
    expect(read).toEqual([patient]);
    expect(tally.malformed).toBe(3);
    expect(tally.issues.map((issue) => issue.line)).toEqual([1, 2, 3]);
  });
});
