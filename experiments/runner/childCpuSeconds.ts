// CPU seconds used by this process's finished children and all their descendants (Linux: /proc/self/stat cutime +
// cstime). A `medfl run` cell is a tree (chain, coordinator, sites); each parent waits for its own children, so the
// whole tree's time lands here once the cell's child has exited. null where /proc is absent.
import { readFileSync } from 'node:fs';
import { clockTicks } from './clockTicks.ts';

export function childCpuSeconds(): number | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name, which is in parentheses and may hold spaces; cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? ticks / clockTicks() : null;
}
