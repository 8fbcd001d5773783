// The soak's faults, one per round, drawn from a seeded RNG (same seed, same faults): a site killed and restarted, a
// slow site, an upload dropped midway, a site joining late, and the coordinator killed and restarted every 20th round.
import { seededRandom } from '../../../common/seededRandom.ts';
import { SITE_FAULT_KINDS, type SiteFault } from '../../../participant/host/siteFaults.ts';

export interface CoordinatorFault {
  readonly round: number;
  readonly kind: 'coordinator-restart';
  /** How long after the round opens (the previous commit) the coordinator is killed. */
  readonly delayMs: number;
}

export type RoundFault = SiteFault | CoordinatorFault;

export interface FaultScheduleOptions {
  readonly seed: number;
  readonly rounds: number;
  readonly sites: readonly string[];
  readonly coordinatorEvery: number;
  /** Sleep or absence of a site: drawn uniformly from [minDelayMs, maxDelayMs). */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
}

export function faultSchedule(options: FaultScheduleOptions): RoundFault[] {
  const random = seededRandom(options.seed, 'soak-faults');
  const delay = () => options.minDelayMs + random.int(Math.max(1, options.maxDelayMs - options.minDelayMs));
  const faults: RoundFault[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    if (round % options.coordinatorEvery === 0) {
      faults.push({ round, kind: 'coordinator-restart', delayMs: delay() });
      continue;
    }
    // A late joiner leaves after attesting the round before: round 1 has none.
    const kinds = round === 1 ? SITE_FAULT_KINDS.filter((kind) => kind !== 'late-join') : SITE_FAULT_KINDS;
    const kind = kinds[random.int(kinds.length)]!;
    faults.push({ round, kind, site: options.sites[random.int(options.sites.length)]!, delayMs: delay() });
  }
  return faults;
}
