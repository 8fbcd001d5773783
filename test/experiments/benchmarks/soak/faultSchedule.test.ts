import { describe, expect, it } from 'vitest';
import { faultSchedule, parseFaultKinds } from '../../../../experiments/benchmarks/soak/faultSchedule.ts';

const sites = Array.from({ length: 6 }, (_, i) => `hospital-${i + 1}`);
const options = { seed: 3, rounds: 6, sites, coordinatorEvery: 3, minDelayMs: 1000, maxDelayMs: 3000 };

describe('faultSchedule', () => {
  it('draws one fault per round from the seed, the coordinator restart on every Nth round', () => {
    const faults = faultSchedule(options);
    expect(faults.map((fault) => [fault.round, fault.kind])).toEqual([
      [1, 'upload-dropped'], [2, 'site-restart'], [3, 'coordinator-restart'], [4, 'slow-site'], [5, 'late-join'], [6, 'coordinator-restart'],
    ]);
    expect(faultSchedule(options)).toEqual(faults);
    expect(faultSchedule({ ...options, seed: 4 })).not.toEqual(faults);
  });

  it('never makes a site join round 1 late (it has no round before to leave after), and keeps delays in range', () => {
    const faults = faultSchedule({ ...options, rounds: 400, coordinatorEvery: 20 });
    const roundOne = Array.from({ length: 50 }, (_, seed) => faultSchedule({ ...options, seed })[0]!.kind);
    expect(roundOne).not.toContain('late-join');
    expect(new Set(faults.map((fault) => fault.kind))).toEqual(new Set(['site-restart', 'slow-site', 'upload-dropped', 'late-join', 'coordinator-restart']));
    expect(faults.filter((fault) => fault.kind === 'coordinator-restart').map((fault) => fault.round)).toEqual(Array.from({ length: 20 }, (_, i) => 20 * (i + 1)));
    expect(faults.every((fault) => fault.delayMs >= 1000 && fault.delayMs < 3000)).toBe(true);
    expect(faults.every((fault) => fault.kind === 'coordinator-restart' || sites.includes(fault.site))).toBe(true);
  });

  it('draws only the kinds it is given (no coordinator restart: a site fault every round), none when none fits', () => {
    const slowOnly = faultSchedule({ ...options, kinds: ['slow-site'] });
    expect(slowOnly.map((fault) => [fault.round, fault.kind])).toEqual([1, 2, 3, 4, 5, 6].map((round) => [round, 'slow-site']));
    expect(faultSchedule({ ...options, kinds: ['late-join'] }).map((fault) => fault.round)).toEqual([2, 3, 4, 5, 6]);
    expect(faultSchedule({ ...options, kinds: ['coordinator-restart'] }).map((fault) => [fault.round, fault.kind])).toEqual([[3, 'coordinator-restart'], [6, 'coordinator-restart']]);
    expect(faultSchedule({ ...options, kinds: [] })).toEqual([]);
  });
});

describe('parseFaultKinds', () => {
  it('reads a comma-separated list or none, and names what it does not know', () => {
    expect(parseFaultKinds('slow-site, upload-dropped')).toEqual(['slow-site', 'upload-dropped']);
    expect(parseFaultKinds('none')).toEqual([]);
    expect(() => parseFaultKinds('slow-site,site-crash')).toThrow(/SOAK_FAULTS must list fault kinds among site-restart, .* not "slow-site,site-crash"/);
    expect(() => parseFaultKinds('')).toThrow(/SOAK_FAULTS/);
  });
});
