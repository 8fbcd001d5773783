// Streams a Bulk-Data NDJSON file one resource per line (readline over a file stream): memory stays flat.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FhirResource } from 'fhir/r4.js';
import { MedflError } from '../../common/MedflError.ts';
import type { ImportTally } from './ImportTally.ts';

export type ResourceSink = (resource: FhirResource, file: string, line: number) => void;

/** Parses one line into a resource, or returns why it is not one. */
export function parseResourceLine(text: string): FhirResource | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `invalid JSON (${(error as Error).message}); is the line truncated?`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not a JSON object';
  const resourceType = (parsed as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string') return 'no resourceType: not a FHIR resource';
  return parsed as FhirResource;
}

/**
 * Hands every resource of `path` to `sink`; malformed lines are counted and reported with `label:line`.
 * A file in which no line is a FHIR resource is not FHIR at all: FHIR_NOT_FHIR.
 */
export async function readNdjson(path: string, label: string, tally: ImportTally, sink: ResourceSink): Promise<void> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNumber = 0;
  let resources = 0;
  let firstProblem: string | undefined;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    const parsed = parseResourceLine(text);
    if (typeof parsed === 'string') {
      firstProblem ??= `${label}:${lineNumber}: ${parsed}`;
      tally.issue(label, lineNumber, 'FHIR_MALFORMED', parsed);
      continue;
    }
    resources += 1;
    sink(parsed, label, lineNumber);
  }
  if (resources === 0 && firstProblem !== undefined) {
    throw new MedflError('FHIR_NOT_FHIR', `${label} is not FHIR NDJSON: no line is a FHIR resource (${firstProblem})`, {
      details: { file: label },
    });
  }
}
