import { describe, expect, it } from 'vitest';
import { summarizeSoak, type SoakRound } from '../../../../experiments/benchmarks/soak/soakRounds.ts';

const round = (n: number, overrides: Partial<SoakRound> = {}): SoakRound => ({
  round: n, attempts: 1, updates: 4, commitBlock: 5 + 2 * n, seconds: 10 + n, fault: 'slow-site', faultSite: 'hospital-1', faultApplied: true,
  coordinatorLife: 1, coordinatorRssMb: 200, coordinatorAnonMb: 150, coordinatorHeapUsedMb: 90, coordinatorHeapAfterGcMb: 60 + n / 2, hostsRssMb: 400 + n, hostsAnonMb: 300 + 2 * n, hostsHeapAfterGcMb: 120, ...overrides,
});
const context = { plannedRounds: 4, minUpdates: 3, latestOnChain: 4, repeatedAnnouncements: 0 };

describe('summarizeSoak', () => {
  it('counts stuck rounds, checks commit order and minUpdates, and gives the median and the RSS slopes of rounds 2..n', () => {
    const rounds = [1, 2, 3, 4].map((n) => round(n));
    expect(summarizeSoak(rounds, context)).toEqual({
      plannedRounds: 4, committedRounds: 4, stuckRounds: 0, commitsInOrder: true, everyRoundAtLeastMinUpdates: true, minUpdates: 3, faultsApplied: 4,
      repeatedAnnouncements: 0, medianRoundSeconds: 13, coordinatorRssSlopeMbPerRound: 0, coordinatorAnonSlopeMbPerRound: 0, coordinatorHeapUsedSlopeMbPerRound: 0,
      coordinatorHeapAfterGcSlopeMbPerRound: 0.5, hostsRssSlopeMbPerRound: 1, hostsAnonSlopeMbPerRound: 2, hostsHeapAfterGcSlopeMbPerRound: 0,
    });
    expect(summarizeSoak(rounds.slice(0, 3), { ...context, latestOnChain: 3 })).toMatchObject({ committedRounds: 3, stuckRounds: 1, commitsInOrder: true });
  });

  it('flags commits out of block order, a chain ahead of what was seen, and a round short of minUpdates', () => {
    const swapped = [round(1), round(2, { commitBlock: 20 }), round(3), round(4)];
    expect(summarizeSoak(swapped, context).commitsInOrder).toBe(false);
    expect(summarizeSoak([1, 2, 3].map((n) => round(n)), context).commitsInOrder).toBe(false);
    expect(summarizeSoak([round(1), round(2, { updates: 2 })], context).everyRoundAtLeastMinUpdates).toBe(false);
  });

  it('leaves each restarted coordinator\'s first sample out of its slope: a process seconds old is low, as in round 1', () => {
    // Flat 400 MB within each lifetime; the restart's own round is sampled from the new process at 220 MB.
    const life = (n: number) => (n <= 4 ? 1 : 2);
    const rss = (n: number) => (n === 5 ? 220 : 400);
    const rounds = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => round(n, { coordinatorLife: life(n), coordinatorRssMb: rss(n), coordinatorAnonMb: rss(n) - 100, coordinatorHeapUsedMb: rss(n) - 300 }));
    const summary = summarizeSoak(rounds, { ...context, plannedRounds: 8, latestOnChain: 8 });
    expect(summary.coordinatorRssSlopeMbPerRound).toBe(0);
    expect(summary.coordinatorAnonSlopeMbPerRound).toBe(0);
    expect(summary.coordinatorHeapUsedSlopeMbPerRound).toBe(0);
  });
});
