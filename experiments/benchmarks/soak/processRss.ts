// Resident memory of a process now, from /proc (Linux): what the soak samples at every commit.
import { readFileSync } from 'node:fs';

const field = (status: string, name: string): number | null => {
  const match = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
  return match ? Number(match[1]) / 1024 : null;
};

function status(pid: number | undefined): string | null {
  if (pid === undefined) return null;
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
}

/** VmRSS of `pid` in MB, or null once the process is gone. */
export function processRssMb(pid: number | undefined): number | null {
  const text = status(pid);
  return text === null ? null : field(text, 'VmRSS');
}

/**
 * RssAnon of `pid` in MB (heap, stacks, wasm memory), or null. Apart from RssFile: the coordinator's lmdb store is
 * mapped, so pages of what every round adds to it count as resident file pages, which the kernel reclaims at will.
 */
export function processAnonMb(pid: number | undefined): number | null {
  const text = status(pid);
  return text === null ? null : field(text, 'RssAnon');
}
