// Streams an HL7 v2 file one segment at a time: segments end with CR (the standard), LF or CRLF, and MLLP framing
// bytes (VT before a message, FS after it) are dropped, so files saved from an interface engine's log read as well.
import { createReadStream } from 'node:fs';
import { MedflError } from '../../common/MedflError.ts';

const LF = 10;
const CR = 13;
const MLLP_START = '\x0b';
const MLLP_END = '\x1c';
/** No HL7 segment comes near this; a longer one is not HL7 v2 text. */
const MAX_SEGMENT_BYTES = 16 * 2 ** 20;

function unframed(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === MLLP_START) start += 1;
  while (end > start && text[end - 1] === MLLP_END) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Calls `onSegment(text, line)` for every non-empty segment of `path`; `line` counts segment ends from 1 (CRLF is
 * one end), which is the line number an editor shows for LF and CRLF files.
 */
export async function forEachSegment(path: string, label: string, onSegment: (text: string, line: number) => void): Promise<void> {
  let carry: Buffer | undefined;
  let line = 0;
  let previous = 0;
  const emit = (bytes: Buffer) => {
    line += 1;
    const text = unframed(bytes.toString('utf8'));
    if (text.trim() !== '') onSegment(text, line);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== CR && byte !== LF) continue;
      const before = i > 0 ? chunk[i - 1] : previous;
      if (!(byte === LF && before === CR)) {
        const piece = chunk.subarray(start, i);
        emit(carry === undefined ? piece : Buffer.concat([carry, piece]));
        carry = undefined;
      }
      start = i + 1;
    }
    if (start < chunk.length) carry = carry === undefined ? chunk.subarray(start) : Buffer.concat([carry, chunk.subarray(start)]);
    if (carry !== undefined && carry.length > MAX_SEGMENT_BYTES) {
      throw new MedflError('HL7_NOT_HL7', `${label}:${line + 1}: a segment longer than ${MAX_SEGMENT_BYTES} bytes; not HL7 v2 text`, { details: { file: label, line: line + 1 } });
    }
    previous = chunk[chunk.length - 1] ?? previous;
  }
  if (carry !== undefined && carry.length > 0) emit(carry);
}
