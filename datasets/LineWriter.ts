// Appends text lines to a file through a 1 MiB buffer with synchronous writes: simple, ordered, and memory stays flat
// however many lines are written (CSV and HL7 feeds, NDJSON through NdjsonWriter).
import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

export class LineWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;

  /** `end` ends every line: `\n` for CSV, `\r` (the HL7 v2 segment end) for HL7. */
  constructor(path: string, private readonly end = '\n') {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.pending.push(line, this.end);
    this.pendingLength += line.length + this.end.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
