// Reads a FHIR JSON file: a Bundle (transaction, batch, collection, ...) or a single resource. Whole-file parse:
// Synthea bundles are a few MB each; NDJSON is the streaming path for large exports.
import { readFileSync } from 'node:fs';
import type { Bundle, FhirResource } from 'fhir/r4.js';
import { MedflError } from '../../common/MedflError.ts';
import type { ImportTally } from './ImportTally.ts';
import { isR4ResourceType } from './r4ResourceTypes.ts';
import type { ResourceSink } from './readNdjson.ts';

/** Resource types medfl reads from a lone `.json` file; anything else there is not what the user meant. */
const SINGLE_RESOURCE_TYPES = new Set(['Patient', 'Observation', 'Consent', 'Encounter', 'Device']);

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function parseJsonFile(path: string, label: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : 1;
    throw new MedflError('FHIR_NOT_FHIR', `${label}:${line}: not JSON (${message})`, { details: { file: label, line } });
  }
}

const isResource = (value: unknown): value is FhirResource =>
  typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';

/** Hands each resource of the file to `sink`; entries that are not resources are reported as `label` entry N. */
export function readBundle(path: string, label: string, tally: ImportTally, sink: ResourceSink): void {
  readBundleValue(parseJsonFile(path, label), label, tally, sink);
}

/** As readBundle, for JSON already parsed (a Bundle posted to `medfl serve`). */
export function readBundleValue(parsed: unknown, label: string, tally: ImportTally, sink: ResourceSink): void {
  const resourceType = typeof parsed === 'object' && parsed !== null ? (parsed as { resourceType?: unknown }).resourceType : undefined;
  if (resourceType !== 'Bundle') {
    if (typeof resourceType === 'string' && SINGLE_RESOURCE_TYPES.has(resourceType)) return sink(parsed as FhirResource, label, 1);
    const found = typeof resourceType === 'string' ? `resourceType "${resourceType}"` : 'no resourceType';
    throw new MedflError('FHIR_NOT_FHIR', `${label}: expected a FHIR Bundle or one of ${[...SINGLE_RESOURCE_TYPES].join(', ')}, found ${found}`, {
      details: { file: label },
    });
  }
  const entries: unknown = (parsed as Bundle).entry ?? [];
  // Bundle JSON is untrusted (a file, a POST to medfl serve): its entry list and entries are checked, not assumed.
  if (!Array.isArray(entries)) throw new MedflError('FHIR_NOT_FHIR', `${label}: Bundle.entry is not a list of entries`, { details: { file: label } });
  entries.forEach((entry: unknown, index) => {
    const resource = typeof entry === 'object' && entry !== null ? (entry as { resource?: unknown }).resource : undefined;
    if (!isResource(resource)) {
      tally.issue(label, index + 1, 'FHIR_MALFORMED', `Bundle entry ${index + 1} holds no FHIR resource`);
      return;
    }
    if (!isR4ResourceType(resource.resourceType)) {
      tally.issue(label, index + 1, 'FHIR_MALFORMED', `Bundle entry ${index + 1}: unknown resourceType "${String(resource.resourceType)}"`);
      return;
    }
    sink(resource, label, index + 1);
  });
}
