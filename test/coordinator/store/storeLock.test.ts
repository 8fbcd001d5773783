import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, liveLockHolder, lockStore } from '../../../coordinator/store/storeLock.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('lockStore', () => {
  it('holds the store for one process: the lock names this pid and goes on release', () => {
    const lock = lockStore(root);
    expect(readFileSync(join(root, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(root, LOCK_FILE))).toBe(false);
  });

  it('refuses a store held by a running process, naming the folder and its pid', () => {
    writeFileSync(join(root, LOCK_FILE), `${process.ppid}\n`);
    expect(() => lockStore(root)).toThrow(expect.objectContaining({
      code: 'STORE_LOCKED',
      message: `the coordinator store ${root} is in use by process ${process.ppid}; stop that coordinator or name another store folder`,
    }));
    expect(readFileSync(join(root, LOCK_FILE), 'utf8').trim()).toBe(String(process.ppid));
    rmSync(join(root, LOCK_FILE));
  });

  it('takes over a lock left by a process that died (a crash), and one with no readable pid', () => {
    for (const left of [`${deadPid()}\n`, 'garbage']) {
      writeFileSync(join(root, LOCK_FILE), left);
      const lock = lockStore(root);
      expect(readFileSync(join(root, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      lock.release();
    }
  });

  it('does not remove a lock another process took over meanwhile', () => {
    const lock = lockStore(root);
    writeFileSync(join(root, LOCK_FILE), `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(join(root, LOCK_FILE), 'utf8').trim()).toBe(String(process.ppid));
    rmSync(join(root, LOCK_FILE));
  });

  it('names the running process holding a store, and none for a lock a dead process left or no lock', () => {
    expect(liveLockHolder(root)).toBeUndefined();
    writeFileSync(join(root, LOCK_FILE), `${process.ppid}\n`);
    expect(liveLockHolder(root)).toBe(process.ppid);
    writeFileSync(join(root, LOCK_FILE), `${deadPid()}\n`);
    expect(liveLockHolder(root)).toBeUndefined();
    rmSync(join(root, LOCK_FILE));
  });
});
