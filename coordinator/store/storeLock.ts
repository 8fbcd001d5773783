// One coordinator per store: a lock file holding the owner's pid, so a second coordinator on the same --store is
// refused instead of both writing one lmdb file and answering sites with two different views of the run.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';

export const LOCK_FILE = 'coordinator.lock';

export interface StoreLock {
  /** Removes the lock file, if it still holds this process's pid. */
  release(): void;
}

/** Whether `pid` names a running process; EPERM means it runs under another user, so it is alive too. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (thrown) {
    return (thrown as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // gone meanwhile, or unreadable: no live holder we can name
  }
}

/** Creates the lock file only if none exists (O_EXCL), so two processes racing for it cannot both win. */
function create(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new MedflError('STORE_FAILED', `cannot create the store lock ${file}: ${(thrown as Error).message}`, { cause: thrown });
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The pid of the running process that holds `dir`'s lock, if one does (a lock left by a dead process counts as none). */
export function liveLockHolder(dir: string): number | undefined {
  const pid = holder(join(dir, LOCK_FILE));
  return pid !== undefined && alive(pid) ? pid : undefined;
}

/**
 * Takes `dir`'s lock for this process. A lock left by a process that no longer runs (a crash, a kill -9) is taken
 * over; one held by a running process is STORE_LOCKED, naming the folder and that pid.
 */
export function lockStore(dir: string): StoreLock {
  const file = join(dir, LOCK_FILE);
  for (let tries = 0; !create(file); tries += 1) {
    const pid = holder(file);
    if (pid !== undefined && alive(pid)) {
      throw new MedflError('STORE_LOCKED', `the coordinator store ${dir} is in use by process ${pid}; stop that coordinator or name another store folder`);
    }
    if (tries > 0) throw new MedflError('STORE_LOCKED', `the coordinator store ${dir} is being taken by another process; try again`);
    rmSync(file, { force: true });
  }
  return {
    release: () => {
      if (holder(file) === process.pid) rmSync(file, { force: true });
    },
  };
}
