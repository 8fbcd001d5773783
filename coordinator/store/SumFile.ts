// A running sum's chunks in two files beside the coordinator's store (the current sum and the one being folded), so
// the coordinator holds one chunk at a time. Not synced: after a restart the sum is refolded from the durable updates.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SumChunks } from '../../common/he/SumChunks.ts';
import { MedflError } from '../../common/MedflError.ts';

const failed = (what: string, cause: unknown) =>
  new MedflError('STORE_FAILED', `the running sum's file ${what} failed: ${(cause as Error).message}`, { cause });

/** Opens (emptying) the pair of files `<dir>/<name>.0|1`; every chunk of one sum has the same size, fixing its offset. */
export function openSumFile(dir: string, name: string): SumChunks {
  let paths: string[];
  let fds: number[];
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    paths = [0, 1].map((generation) => join(dir, `${name}.${generation}`));
    fds = paths.map((path) => openSync(path, 'w+', 0o600));
  } catch (cause) {
    throw failed('open', cause);
  }
  let current = 0;
  let chunkBytes: number | undefined;
  return {
    read(index) {
      if (chunkBytes === undefined) throw new MedflError('INTERNAL', `the running sum has no chunk ${index}`);
      const bytes = new Uint8Array(chunkBytes);
      let got: number;
      try {
        got = readSync(fds[current]!, bytes, 0, chunkBytes, index * chunkBytes);
      } catch (cause) {
        throw failed('read', cause);
      }
      if (got !== chunkBytes) throw new MedflError('STORE_FAILED', `the running sum's file lost chunk ${index}`);
      return bytes;
    },
    write(index, bytes) {
      chunkBytes ??= bytes.byteLength;
      if (bytes.byteLength !== chunkBytes) throw new MedflError('INTERNAL', `running-sum chunk ${index} is ${bytes.byteLength} bytes, not ${chunkBytes}`);
      try {
        writeSync(fds[1 - current]!, bytes, 0, chunkBytes, index * chunkBytes);
      } catch (cause) {
        throw failed('write', cause);
      }
    },
    commit() {
      current = 1 - current;
    },
    dispose() {
      for (const fd of fds) closeSync(fd);
      for (const path of paths) rmSync(path, { force: true });
      fds = [];
    },
  };
}
