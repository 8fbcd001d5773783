// The short soak `npm test` keeps: 6 sites in two `medfl participants` hosts × 6 threshold-CKKS rounds with a fault in
// every round (seed 3 draws each site fault once) and the coordinator killed and restarted in rounds 3 and 6.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../../../experiments/benchmarks/soak/faultSchedule.ts';
import { runSoak } from '../../../../experiments/benchmarks/soak/runSoak.ts';

const workDir = mkdtempSync(join(tmpdir(), 'medfl-soak-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('runSoak', () => {
  it('commits every round once, in order, with at least minUpdates, and leaves no round stuck', async () => {
    const result = await runSoak({
      sites: 6, rounds: 6, sitesPerHost: 3, seed: 3, patientsPerSite: 30, coordinatorEvery: 3, faultKinds: FAULT_KINDS, roundDeadlineSeconds: 60, minDelayMs: 1000, maxDelayMs: 3000, workDir,
    });
    expect(result.runState).toBe('COMPLETED');
    expect(result.hosts).toBe(2);
    expect(result.summary).toMatchObject({ plannedRounds: 6, committedRounds: 6, stuckRounds: 0, commitsInOrder: true, everyRoundAtLeastMinUpdates: true, minUpdates: 5 });
    expect(result.rounds.map((round) => [round.round, round.fault, round.faultApplied])).toEqual([
      [1, 'upload-dropped', true], [2, 'site-restart', true], [3, 'coordinator-restart', true], [4, 'slow-site', true], [5, 'late-join', true], [6, 'coordinator-restart', true],
    ]);
    // The kill comes 1-3 s into rounds 3 and 6, so a quick round may commit just before it: the lifetimes that commit
    // only ever go forward, and a restarted coordinator commits the rounds after the first kill.
    const lives = result.rounds.map((round) => round.coordinatorLife);
    expect(lives[0]).toBe(1);
    expect(lives.every((life, i) => i === 0 || life >= lives[i - 1]!)).toBe(true);
    expect(lives[4]).toBeGreaterThanOrEqual(2);
    expect(result.rounds.every((round) => round.attempts >= 1 && round.coordinatorRssMb !== null && round.hostsRssMb !== null)).toBe(true);
    expect(result.rounds.every((round) => round.coordinatorAnonMb! > 0 && round.coordinatorAnonMb! <= round.coordinatorRssMb!)).toBe(true);
    // The heap the coordinator logged with each commit: a round restarted mid-way is logged by the lifetime that committed it.
    expect(result.rounds.every((round) => round.coordinatorHeapUsedMb! > 1 && round.coordinatorHeapUsedMb! < round.coordinatorRssMb!)).toBe(true);
    // The hosts' memory: anonymous memory sampled at each commit, and the retained heap their sites logged on adopting
    // the round, once every host has run a major collection (hosts of three sites may not within six rounds).
    const hosts = JSON.stringify(result.rounds.map((round) => [round.hostsRssMb, round.hostsAnonMb, round.hostsHeapAfterGcMb]));
    expect(result.rounds.every((round) => round.hostsAnonMb! > 0 && round.hostsAnonMb! <= round.hostsRssMb!), hosts).toBe(true);
    const retained = result.rounds.filter((round) => round.hostsHeapAfterGcMb !== null);
    expect(retained.every((round) => round.hostsHeapAfterGcMb! > 2 && round.hostsHeapAfterGcMb! < round.hostsAnonMb!), hosts).toBe(true);
    expect(result.keySetupSeconds).toBeGreaterThan(0);
  }, 900_000);
});
