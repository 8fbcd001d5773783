// What the coordinator's log (every lifetime appends to the same file) says about its round attempts: which attempts
// of each round opened, when round 1 first started collecting (the end of the threshold key-share dealing), and the
// V8 heap the coordinator logged with each commit: in use, and as the last major collection left it.
import { existsSync, readFileSync } from 'node:fs';
import { parseJsonLine } from '../../../consortium/MedflProcess.ts';

export interface CoordinatorAttempts {
  /** Attempt numbers opened per round, over every coordinator lifetime. */
  readonly attempts: ReadonlyMap<number, ReadonlySet<number>>;
  /** Unix ms of the first `round 1 attempt N: OPEN -> COLLECTING`, if any. */
  readonly firstCollectingUnixMs?: number;
  /** `memory.heapUsedMb` of the first `round committed` line of each round. */
  readonly heapUsedMb: ReadonlyMap<number, number>;
  /** `memory.heapAfterGcMb` of the same lines, where the coordinator had seen a major collection. */
  readonly heapAfterGcMb: ReadonlyMap<number, number>;
}

const TRANSITION = /^round (\d+) attempt (\d+): (\w+) -> (\w+)$/;

export function coordinatorAttempts(logFile: string): CoordinatorAttempts {
  const attempts = new Map<number, Set<number>>();
  const heapUsedMb = new Map<number, number>();
  const heapAfterGcMb = new Map<number, number>();
  let firstCollectingUnixMs: number | undefined;
  const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n') : [];
  for (const line of lines) {
    // The last line of a killed process may be cut short: parseJsonLine gives nothing for it.
    const record = parseJsonLine(line) as { msg?: unknown; time?: unknown; round?: unknown; memory?: { heapUsedMb?: unknown; heapAfterGcMb?: unknown } } | undefined;
    if (!record) continue;
    const { heapUsedMb: heap, heapAfterGcMb: retained } = record.memory ?? {};
    if (record.msg === 'round committed' && typeof heap === 'number' && !heapUsedMb.has(Number(record.round))) {
      heapUsedMb.set(Number(record.round), heap);
      if (typeof retained === 'number') heapAfterGcMb.set(Number(record.round), retained);
    }
    const match = TRANSITION.exec(String(record.msg ?? ''));
    if (!match) continue;
    const [round, attempt, , to] = [Number(match[1]), Number(match[2]), match[3], match[4]];
    attempts.set(round, (attempts.get(round) ?? new Set()).add(attempt));
    if (round === 1 && to === 'COLLECTING' && firstCollectingUnixMs === undefined) firstCollectingUnixMs = Number(record.time);
  }
  return { attempts, heapUsedMb, heapAfterGcMb, ...(firstCollectingUnixMs !== undefined ? { firstCollectingUnixMs } : {}) };
}
