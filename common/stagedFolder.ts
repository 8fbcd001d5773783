// Writes a new folder all at once: everything goes into a hidden staging folder beside it, which is renamed into
// place only when complete, so a failure part-way (a bad id, a full disk, a crash) leaves no half-written folder.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MedflError } from './MedflError.ts';

/** Refuses a target that exists as a file or a non-empty folder; an empty folder is replaced. Callers may check early. */
export function checkTarget(target: string, flag: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new MedflError('USAGE', `${flag} ${target} is a file; name a new folder`);
  if (readdirSync(target).length > 0) throw new MedflError('USAGE', `${flag} ${target} already exists and is not empty; name a new folder or delete it first`);
}

/** A fresh, empty staging folder beside `final`, after checking `final` may be written. */
function openStaging(final: string, flag: string): string {
  checkTarget(final, flag);
  const staging = join(dirname(final), `.${basename(final)}.partial-${process.pid}`);
  try {
    mkdirSync(dirname(final), { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o700 });
  } catch (cause) {
    // A path through a file, a read-only folder: the user's path is wrong, not medfl.
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new MedflError('FILE_UNWRITABLE', `${flag} ${final} cannot be created (${code}); name a new folder where you can write`, { cause });
  }
  return staging;
}

function moveIntoPlace(staging: string, final: string): void {
  if (existsSync(final)) rmSync(final, { recursive: true });
  renameSync(staging, final);
}

/** Runs `write(staging)` and moves the staging folder to `target`; on failure the staging folder is removed. */
export async function writeStagedFolder<T>(target: string, flag: string, write: (staging: string) => Promise<T>): Promise<T> {
  const final = resolve(target);
  const staging = openStaging(final, flag);
  try {
    const result = await write(staging);
    moveIntoPlace(staging, final);
    return result;
  } catch (thrown) {
    rmSync(staging, { recursive: true, force: true });
    throw thrown;
  }
}

/** writeStagedFolder for a writer that does its work synchronously (the synthetic data generator). */
export function writeStagedFolderSync<T>(target: string, flag: string, write: (staging: string) => T): T {
  const final = resolve(target);
  const staging = openStaging(final, flag);
  try {
    const result = write(staging);
    moveIntoPlace(staging, final);
    return result;
  } catch (thrown) {
    rmSync(staging, { recursive: true, force: true });
    throw thrown;
  }
}
