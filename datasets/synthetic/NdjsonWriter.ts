// Appends one JSON object per line to a file (FHIR Bulk Data NDJSON), buffered by LineWriter.
import { LineWriter } from '../LineWriter.ts';

export class NdjsonWriter {
  private readonly lines: LineWriter;
  count = 0;

  constructor(path: string) {
    this.lines = new LineWriter(path);
  }

  write(record: unknown): void {
    this.lines.write(JSON.stringify(record));
    this.count += 1;
  }

  close(): void {
    this.lines.close();
  }
}
