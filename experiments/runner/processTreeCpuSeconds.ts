// CPU seconds (user + system) used so far by every live descendant of a process, and by the children they have
// waited for (Linux /proc). The round bench samples it at each commit: the difference is what a round cost on all
// the run's processes (chain, coordinator, sites), however many other jobs share the cores. null where /proc is absent.
import { readFileSync, readdirSync } from 'node:fs';
import { clockTicks } from './clockTicks.ts';

interface ProcessTicks {
  readonly parent: number;
  readonly ticks: number;
}

/** ppid and utime + stime + cutime + cstime of one process; undefined when it has exited meanwhile. */
function processTicks(pid: string): ProcessTicks | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name, which is in parentheses and may hold spaces: ppid is field 4, utime..cstime 14..17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? { parent: Number(fields[1]), ticks } : undefined;
}

export function processTreeCpuSeconds(root: number = process.pid): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const children = new Map<number, { pid: number; ticks: number }[]>();
  for (const pid of pids) {
    const entry = processTicks(pid);
    if (!entry) continue;
    const siblings = children.get(entry.parent) ?? [];
    siblings.push({ pid: Number(pid), ticks: entry.ticks });
    children.set(entry.parent, siblings);
  }
  let ticks = 0;
  const pending = [root];
  while (pending.length > 0) {
    for (const child of children.get(pending.pop()!) ?? []) {
      ticks += child.ticks;
      pending.push(child.pid);
    }
  }
  return ticks / clockTicks();
}
