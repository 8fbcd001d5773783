// Writes one JSON file a user named (--out): whole or not at all, and a wrong target is one MedflError line instead
// of a raw ENOENT/EISDIR. The temporary file sits beside the target so the rename never crosses file systems.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MedflError } from './MedflError.ts';

/** Writes `value` as indented JSON to `file` (its folder is created); `flag` names where the path came from. */
export function writeJsonFile(file: string, value: unknown, flag: string): void {
  if (existsSync(file) && statSync(file).isDirectory()) throw new MedflError('USAGE', `${flag} ${file} is a folder; name a file`);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(temporary, file);
  } catch (cause) {
    if (existsSync(temporary)) rmSync(temporary);
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new MedflError('FILE_UNWRITABLE', `${flag} ${file} cannot be written (${code}); name a file in a folder you can write`, { cause });
  }
}
