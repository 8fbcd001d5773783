// Resident memory of a process now, from /proc (Linux): what the soak samples at every commit.
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in MB, or null once the process is gone. */
export function processRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
