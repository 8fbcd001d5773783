// One way a site writes what it must still hold after a crash: staged, synced, renamed, the folder synced.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `text` to `file` so a crash leaves the old file or the new one, on disk, readable by this user only. */
export function writeDurably(file: string, text: string): void {
  const staged = `${file}.tmp`;
  const fd = openSync(staged, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(staged, file);
  const folder = openSync(dirname(file), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
