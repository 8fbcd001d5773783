// Clock ticks per second of /proc's CPU-time fields (USER_HZ), asked of getconf once.
import { execFileSync } from 'node:child_process';

let ticksPerSecond: number | undefined;

export function clockTicks(): number {
  if (ticksPerSecond !== undefined) return ticksPerSecond;
  try {
    ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    ticksPerSecond = 100; // the Linux default (USER_HZ)
  }
  return ticksPerSecond;
}
