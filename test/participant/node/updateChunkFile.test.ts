import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openChunkFile, writeChunkFile } from '../../../participant/node/updateChunkFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-chunkfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(70_000).fill(5), new Uint8Array([9])];

describe('updateChunkFile', () => {
  it('keeps chunks as they are produced and reads them back in order, from any index, as often as asked', () => {
    const produced: number[] = [];
    const file = writeChunkFile(join(dir, 'a.chunks'), (function* () {
      for (const [index, chunk] of chunks.entries()) {
        produced.push(index);
        yield chunk;
      }
    })());
    expect(produced).toEqual([0, 1, 2, 3]);
    expect(file.length).toBe(4);
    expect([...file]).toEqual(chunks);
    expect([...file]).toEqual(chunks); // read again: the digest pass and the fingerprint pass each read the file
    expect([...file.slice(2)]).toEqual(chunks.slice(2));
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.chunks']); // the staged name is gone
    const reopened = openChunkFile(file.path);
    expect(reopened.length).toBe(4);
    expect([...reopened.slice(1)]).toEqual(chunks.slice(1));
    file.discard();
    expect(existsSync(file.path)).toBe(false);
  });

  it('refuses a file cut short with STORE_FAILED naming where, instead of sending a different update', () => {
    const file = writeChunkFile(join(dir, 'b.chunks'), chunks);
    truncateSync(file.path, 4 + 3 + 4 + 4 + 100);
    expect(() => openChunkFile(file.path)).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: `the kept update ${file.path} is cut short at byte 11; it cannot be sent again` }));
  });
});
