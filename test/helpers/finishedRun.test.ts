import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINISHED_RUN_SITES, FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from './finishedRun.ts';

let run: FinishedRun;
beforeAll(async () => {
  run = await finishedRun();
}, FINISHED_RUN_TIMEOUT_MS);

describe('the shared finished run (real chain, coordinator and site processes)', () => {
  it('completes every round and its final model verifies on the chain', () => {
    expect(run.runState).toBe('COMPLETED');
    expect(run.rounds.map((round) => round.round)).toEqual([1, 2]);
    expect(run.verification.verified).toBe(true);
  });

  it('a second caller gets the same run without building it again', async () => {
    const again = await finishedRun();
    expect(again.runId).toBe(run.runId);
    expect(again.finalModelHash).toBe(run.finalModelHash);
  });

  it('leaves every site kit, site folder and the coordinator store on disk', () => {
    for (const id of FINISHED_RUN_SITES) {
      expect(existsSync(run.kits[id]!)).toBe(true);
      expect(existsSync(run.siteDirs[id]!)).toBe(true);
    }
    expect(existsSync(run.coordinatorStore)).toBe(true);
  });
});
