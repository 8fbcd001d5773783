// Reads an HL7 v2 feed file (many messages, each starting at its MSH segment) into a site import through the
// maintained parser of @medplum/core. Messages other than ORU^R01 and segments that are not HL7 are counted with
// their line; a file whose first segment is not MSH (batch headers aside) is not an HL7 v2 feed at all.
import { Hl7Message } from '@medplum/core';
import { MedflError } from '../../common/MedflError.ts';
import type { ImportContext } from '../fhir/ImportContext.ts';
import type { ResourceSink } from '../fhir/readNdjson.ts';
import { forEachSegment } from './forEachSegment.ts';
import { readOruMessage } from './readOruMessage.ts';

/** Batch envelope segments (file and batch header and trailer) an interface engine writes around the messages. */
const BATCH_SEGMENTS = new Set(['FHS', 'BHS', 'BTS', 'FTS']);

/** A segment id (three letters or digits) followed by the field separator the MSH declared. */
const SEGMENT = /^[A-Z][A-Z0-9]{2}$/;

interface PendingMessage {
  segments: string[];
  lines: number[];
}

function readMessage(pending: PendingMessage, context: ImportContext, file: string, sink: ResourceSink): void {
  const message = Hl7Message.parse(pending.segments.join('\r'));
  const line = pending.lines[0] ?? 0;
  const type = `${message.header.getComponent(9, 1)}^${message.header.getComponent(9, 2)}`;
  if (type !== 'ORU^R01') {
    context.tally.issue(file, line, 'HL7_MALFORMED', `message type ${type} (MSH-9) is not read: medfl reads ORU^R01 observation results`);
    return;
  }
  readOruMessage(message, context, { file, lines: pending.lines }, sink);
}

/** Hands every message's resources to `sink` (the import, and what a caller notes); `label` names the file in issues. */
export async function readHl7Feed(path: string, label: string, context: ImportContext, sink: ResourceSink): Promise<void> {
  let pending: PendingMessage | undefined;
  let fieldSeparator = '|';
  await forEachSegment(path, label, (text, line) => {
    if (BATCH_SEGMENTS.has(text.slice(0, 3))) return;
    if (text.startsWith('MSH')) {
      if (pending !== undefined) readMessage(pending, context, label, sink);
      fieldSeparator = text.charAt(3);
      pending = { segments: [text], lines: [line] };
      return;
    }
    if (pending === undefined) {
      const found = JSON.stringify(text.slice(0, 40));
      throw new MedflError('HL7_NOT_HL7', `${label}:${line}: not an HL7 v2 feed: the first segment must be MSH, found ${found}`, { details: { file: label, line } });
    }
    const id = text.slice(0, 3);
    if (!SEGMENT.test(id) || (text.length > 3 && text.charAt(3) !== fieldSeparator)) {
      context.tally.issue(label, line, 'HL7_MALFORMED', `not an HL7 segment (${JSON.stringify(text.slice(0, 40))}); skipped`);
      return;
    }
    pending.segments.push(text);
    pending.lines.push(line);
  });
  if (pending === undefined) throw new MedflError('HL7_NOT_HL7', `${label} is empty: an HL7 v2 feed holds MSH-started messages`, { details: { file: label } });
  readMessage(pending, context, label, sink);
}
