// Streams a Bulk-Data NDJSON file one resource per line: memory stays flat whatever the file size.
import { createReadStream } from 'node:fs';
import type { FhirResource } from 'fhir/r4.js';
import { MedflError } from '../../common/MedflError.ts';
import type { ImportTally } from './ImportTally.ts';
import { isR4ResourceType } from './r4ResourceTypes.ts';

const LF = 10;
const CR = 13;
/** No FHIR resource comes near this; a longer "line" is a file without newlines, not NDJSON. */
export const MAX_LINE_BYTES = 64 * 2 ** 20;

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
  if (!isR4ResourceType(resourceType)) return `unknown resourceType "${resourceType}": not a FHIR R4 resource type`;
  return parsed as FhirResource;
}

/**
 * Calls `onLine(text, lineNumber)` for every line of `path`, splitting raw 1 MiB chunks at newline bytes and
 * decoding line by line: node's readline (and decoding whole chunks) costs more per line than JSON.parse.
 * Only one chunk and one partial line (at most MAX_LINE_BYTES) are held, so memory does not grow with the file.
 */
export async function forEachLine(path: string, onLine: (text: string, lineNumber: number) => void): Promise<void> {
  let carry: Buffer | undefined;
  let lineNumber = 0;
  const emit = (bytes: Buffer, start: number, end: number) => {
    const stop = end > start && bytes[end - 1] === CR ? end - 1 : end;
    onLine(bytes.toString('utf8', start, stop), ++lineNumber);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    let newline = chunk.indexOf(LF);
    if (carry !== undefined && newline >= 0) {
      const joined = Buffer.concat([carry, chunk.subarray(0, newline)]);
      emit(joined, 0, joined.length);
      carry = undefined;
      start = newline + 1;
      newline = chunk.indexOf(LF, start);
    }
    for (; newline >= 0; newline = chunk.indexOf(LF, start)) {
      emit(chunk, start, newline);
      start = newline + 1;
    }
    carry = carry === undefined ? chunk.subarray(start) : Buffer.concat([carry, chunk.subarray(start)]);
    if (carry.length > MAX_LINE_BYTES) {
      throw new MedflError('FHIR_MALFORMED', `${path}:${lineNumber + 1}: a line longer than ${MAX_LINE_BYTES} bytes; NDJSON holds one resource per line`);
    }
  }
  if (carry !== undefined && carry.length > 0) emit(carry, 0, carry.length);
}

/**
 * Hands every resource of `path` to `sink`; malformed lines are counted and reported with `label:line`.
 * A file in which no line is a FHIR resource is not FHIR at all: FHIR_NOT_FHIR.
 */
export async function readNdjson(path: string, label: string, tally: ImportTally, sink: ResourceSink): Promise<void> {
  let resources = 0;
  let firstProblem: string | undefined;
  await forEachLine(path, (text, lineNumber) => {
    if (text.trim() === '') return;
    const parsed = parseResourceLine(text);
    if (typeof parsed === 'string') {
      firstProblem ??= `${label}:${lineNumber}: ${parsed}`;
      tally.issue(label, lineNumber, 'FHIR_MALFORMED', parsed);
      return;
    }
    resources += 1;
    sink(parsed, label, lineNumber);
  });
  if (resources === 0 && firstProblem !== undefined) {
    throw new MedflError('FHIR_NOT_FHIR', `${label} is not FHIR NDJSON: no line is a FHIR resource (${firstProblem})`, {
      details: { file: label },
    });
  }
}
