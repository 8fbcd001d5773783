// An encrypted update kept on disk as it is encrypted: each chunk as a 4-byte big-endian length and its bytes, written
// to a staged name, synced, then renamed, so a crash leaves the whole file or none. Read back one chunk at a time.
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import type { UpdateChunks } from './UpdateChunks.ts';

/** A kept update's chunks, read from `path` as they are iterated; `discard` removes the file once it is acknowledged. */
export interface UpdateChunkFile extends UpdateChunks {
  readonly path: string;
  discard(): void;
}

const LENGTH_BYTES = 4;

function syncFolder(file: string): void {
  const folder = openSync(dirname(file), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/** Writes `chunks` (produced one at a time by the encryption) to `path`; holds one chunk at a time. */
export function writeChunkFile(path: string, chunks: Iterable<Uint8Array>): UpdateChunkFile {
  const staged = `${path}.tmp`;
  const offsets: number[] = [];
  const fd = openSync(staged, 'w', 0o600);
  try {
    let position = 0;
    const length = Buffer.alloc(LENGTH_BYTES);
    for (const chunk of chunks) {
      offsets.push(position);
      length.writeUInt32BE(chunk.byteLength);
      writeSync(fd, length, 0, LENGTH_BYTES, position);
      writeSync(fd, chunk, 0, chunk.byteLength, position + LENGTH_BYTES);
      position += LENGTH_BYTES + chunk.byteLength;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(staged, path);
  syncFolder(path);
  return chunkFile(path, offsets);
}

/** Opens a kept chunk file, reading only its length prefixes; a truncated file is refused (STORE_FAILED). */
export function openChunkFile(path: string): UpdateChunkFile {
  const size = statSync(path).size;
  const offsets: number[] = [];
  const length = Buffer.alloc(LENGTH_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (let position = 0; position < size; position += LENGTH_BYTES + length.readUInt32BE(0)) {
      if (readSync(fd, length, 0, LENGTH_BYTES, position) !== LENGTH_BYTES || position + LENGTH_BYTES + length.readUInt32BE(0) > size) {
        throw new MedflError('STORE_FAILED', `the kept update ${path} is cut short at byte ${position}; it cannot be sent again`);
      }
      offsets.push(position);
    }
  } finally {
    closeSync(fd);
  }
  return chunkFile(path, offsets);
}

function chunkFile(path: string, offsets: readonly number[]): UpdateChunkFile {
  function* read(from: number): Generator<Uint8Array> {
    const fd = openSync(path, 'r');
    try {
      const length = Buffer.alloc(LENGTH_BYTES);
      for (let index = from; index < offsets.length; index += 1) {
        const offset = offsets[index]!;
        readSync(fd, length, 0, LENGTH_BYTES, offset);
        const chunk = new Uint8Array(length.readUInt32BE(0));
        if (readSync(fd, chunk, 0, chunk.byteLength, offset + LENGTH_BYTES) !== chunk.byteLength) {
          throw new MedflError('STORE_FAILED', `the kept update ${path} lost chunk ${index}`);
        }
        yield chunk;
      }
    } finally {
      closeSync(fd);
    }
  }
  return {
    path,
    length: offsets.length,
    slice: (from) => ({ [Symbol.iterator]: () => read(from) }),
    [Symbol.iterator]: () => read(0),
    discard: () => rmSync(path, { force: true }),
  };
}
