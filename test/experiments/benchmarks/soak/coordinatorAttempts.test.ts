import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coordinatorAttempts } from '../../../../experiments/benchmarks/soak/coordinatorAttempts.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-soak-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (time: number, msg: string) => JSON.stringify({ level: 30, time, component: 'coordinator', msg });

describe('coordinatorAttempts', () => {
  it("counts each round's attempts over every coordinator lifetime, when round 1 first collected, and each commit's heap", () => {
    const file = join(dir, 'coordinator.log');
    writeFileSync(file, [
      line(100, 'run: CREATED -> RUNNING'),
      line(900, 'round 1 attempt 0: OPEN -> COLLECTING'),
      line(950, 'round 1 attempt 0: COLLECTING -> FAILED'),
      line(990, 'round 1 attempt 1: OPEN -> COLLECTING'),
      JSON.stringify({ level: 30, time: 1500, round: 1, memory: { rssMb: 300, heapUsedMb: 81.5, heapAfterGcMb: 52.3 }, msg: 'round committed' }),
      // A restarted coordinator logs the open attempt again: still one attempt.
      line(2000, 'round 2 attempt 0: OPEN -> COLLECTING'),
      line(3000, 'round 2 attempt 0: OPEN -> COLLECTING'),
      // A restart announcing round 1 again, and a commit line of an older coordinator without memory, add nothing.
      JSON.stringify({ level: 30, time: 3050, round: 1, memory: { heapUsedMb: 20 }, msg: 'round committed' }),
      JSON.stringify({ level: 30, time: 3060, round: 2, msg: 'round committed' }),
      '{"level":30,"time":3100,"msg":"round 2 att', // the last line of a killed process
    ].join('\n'));
    const seen = coordinatorAttempts(file);
    expect([...seen.attempts].map(([round, attempts]) => [round, [...attempts]])).toEqual([[1, [0, 1]], [2, [0]]]);
    expect(seen.firstCollectingUnixMs).toBe(900);
    expect([...seen.heapUsedMb]).toEqual([[1, 81.5]]);
    expect([...seen.heapAfterGcMb]).toEqual([[1, 52.3]]);
  });

  it('is empty for a coordinator that never logged', () => {
    expect(coordinatorAttempts(join(dir, 'missing.log'))).toEqual({ attempts: new Map(), heapUsedMb: new Map(), heapAfterGcMb: new Map() });
  });
});
