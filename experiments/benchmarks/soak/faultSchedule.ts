// The soak's faults, one per round, drawn from a seeded RNG (same seed, same faults): a site killed and restarted, a
// slow site, an upload dropped midway, a site joining late, and the coordinator killed and restarted every 20th round.
// A narrower list of kinds (SOAK_FAULTS) isolates one cause, e.g. site memory without any site restart.
import { MedflError } from '../../../common/MedflError.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import { SITE_FAULT_KINDS, type SiteFault, type SiteFaultKind } from '../../../participant/host/siteFaults.ts';

export interface CoordinatorFault {
  readonly round: number;
  readonly kind: 'coordinator-restart';
  /** How long after the round opens (the previous commit) the coordinator is killed. */
  readonly delayMs: number;
}

export type RoundFault = SiteFault | CoordinatorFault;

export const FAULT_KINDS = [...SITE_FAULT_KINDS, 'coordinator-restart'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The fault kinds a comma-separated list names ('none' for none); USAGE naming the unknown ones otherwise. */
export function parseFaultKinds(text: string): FaultKind[] {
  if (text.trim() === 'none') return [];
  const kinds = text.split(',').map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) {
    throw new MedflError('USAGE', `SOAK_FAULTS must list fault kinds among ${FAULT_KINDS.join(', ')} (or be none), not ${JSON.stringify(text)}`);
  }
  return kinds as FaultKind[];
}

export interface FaultScheduleOptions {
  readonly seed: number;
  readonly rounds: number;
  readonly sites: readonly string[];
  readonly coordinatorEvery: number;
  /** The kinds drawn from (default: all); without coordinator-restart the coordinator runs throughout. */
  readonly kinds?: readonly FaultKind[];
  /** Sleep or absence of a site: drawn uniformly from [minDelayMs, maxDelayMs). */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
}

/** At most one fault per round: rounds whose kinds leave nothing to draw have none. */
export function faultSchedule(options: FaultScheduleOptions): RoundFault[] {
  const allowed = options.kinds ?? FAULT_KINDS;
  const siteKinds = SITE_FAULT_KINDS.filter((kind) => allowed.includes(kind));
  const random = seededRandom(options.seed, 'soak-faults');
  const delay = () => options.minDelayMs + random.int(Math.max(1, options.maxDelayMs - options.minDelayMs));
  const faults: RoundFault[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    if (round % options.coordinatorEvery === 0 && allowed.includes('coordinator-restart')) {
      faults.push({ round, kind: 'coordinator-restart', delayMs: delay() });
      continue;
    }
    // A late joiner leaves after attesting the round before: round 1 has none.
    const kinds: SiteFaultKind[] = round === 1 ? siteKinds.filter((kind) => kind !== 'late-join') : siteKinds;
    if (kinds.length === 0) continue;
    const kind = kinds[random.int(kinds.length)]!;
    faults.push({ round, kind, site: options.sites[random.int(options.sites.length)]!, delayMs: delay() });
  }
  return faults;
}
