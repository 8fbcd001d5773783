// Each upload's chunks also written to a plain file as they arrive, beside the store, for the fold to read back. lmdb
// serves reads from its memory map, so folding from the store left every update's pages resident in the coordinator
// (845 MB of file RSS for two 289 MB updates); a read() of a file goes through the page cache and maps nothing. lmdb
// stays the durable record: these files are not synced, and are emptied whenever the store is opened, so a restarted
// coordinator refolds from lmdb.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';

const failed = (what: string, cause: unknown) =>
  new MedflError('STORE_FAILED', `the incoming chunks file ${what} failed: ${(cause as Error).message}`, { cause });

interface Placed {
  readonly offset: number;
  readonly length: number;
}

export class IncomingChunks {
  /** Where each upload's chunks sit in its file, by file: kept here, so the file holds nothing but their bytes. */
  private readonly placed = new Map<string, Placed[]>();

  constructor(private readonly dir: string) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private file(round: number, attempt: number, site: string): string {
    return join(this.dir, `round-${round}-attempt-${attempt}-${encodeURIComponent(site)}.chunks`);
  }

  /** Writes chunk `index` after chunk index − 1, dropping any after it; chunk 0 starts the upload afresh. */
  put(round: number, attempt: number, site: string, index: number, data: Uint8Array): void {
    const path = this.file(round, attempt, site);
    const chunks = index === 0 ? [] : this.placed.get(path) ?? [];
    if (index > chunks.length) throw new MedflError('INTERNAL', `chunk ${index} of ${site}'s upload came after ${chunks.length} chunks`);
    chunks.length = index;
    const last = chunks[index - 1];
    const offset = last ? last.offset + last.length : 0;
    try {
      const fd = openSync(path, index === 0 ? 'w' : 'r+', 0o600);
      try {
        writeSync(fd, data, 0, data.byteLength, offset);
      } finally {
        closeSync(fd);
      }
    } catch (cause) {
      throw failed(`write of ${path}`, cause);
    }
    chunks.push({ offset, length: data.byteLength });
    this.placed.set(path, chunks);
  }

  /** The upload's `count` chunks read one at a time, or undefined when this process does not hold exactly them. */
  read(round: number, attempt: number, site: string, count: number): Iterable<Uint8Array> | undefined {
    const path = this.file(round, attempt, site);
    const chunks = this.placed.get(path);
    if (chunks?.length !== count) return undefined;
    return {
      *[Symbol.iterator]() {
        const fd = openSync(path, 'r');
        try {
          for (const [index, { offset, length }] of chunks.entries()) {
            const chunk: Uint8Array = new Uint8Array(length);
            if (readSync(fd, chunk, 0, length, offset) !== length) throw new MedflError('STORE_FAILED', `${path} lost chunk ${index}`);
            yield chunk;
          }
        } finally {
          closeSync(fd);
        }
      },
    };
  }

  /** Removes an upload's file: once it is folded, or when its staged chunks are discarded. */
  release(round: number, attempt: number, site: string): void {
    const path = this.file(round, attempt, site);
    this.placed.delete(path);
    rmSync(path, { force: true });
  }
}
