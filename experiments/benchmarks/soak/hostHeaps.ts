// What the site hosts' V8 heaps retain at each round, from their logs: a site logs its process's memory when it adopts
// a committed model, with the heap in use as the last major collection left it (heapAfterGcMb). The sites of one host
// log that at different moments of the round; the least of them is the host's. Summed over hosts, for rounds every
// host logged.
import { existsSync, readFileSync } from 'node:fs';
import { parseJsonLine } from '../../../consortium/MedflProcess.ts';

function leastHeapPerRound(logFile: string): Map<number, number> {
  const least = new Map<number, number>();
  const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n') : [];
  for (const line of lines) {
    // The last line of a killed process may be cut short: parseJsonLine gives nothing for it.
    const record = parseJsonLine(line);
    const heap = (record?.memory as { heapAfterGcMb?: unknown } | undefined)?.heapAfterGcMb;
    const round = Number(record?.round);
    if (record?.msg !== 'committed model adopted' || typeof heap !== 'number' || !Number.isInteger(round)) continue;
    least.set(round, Math.min(heap, least.get(round) ?? Infinity));
  }
  return least;
}

/** Round → the hosts' retained heap in MB (each host's least sample of the round, summed). */
export function hostHeaps(logFiles: readonly string[]): Map<number, number> {
  const perHost = logFiles.map(leastHeapPerRound);
  const total = new Map<number, number>();
  for (const round of perHost[0]?.keys() ?? []) {
    const samples = perHost.map((host) => host.get(round));
    if (samples.every((mb) => mb !== undefined)) total.set(round, Math.round(samples.reduce((sum, mb) => sum + mb, 0) * 10) / 10);
  }
  return total;
}
