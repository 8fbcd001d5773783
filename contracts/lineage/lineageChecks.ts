// What `medfl verify --consortium --plan` checks of a lineage beyond its links: the run is the consortium's (its
// coordinator, its sites), every round was signed by the consortium's sites, with enough of them, under the plan.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import type { ErrorCode } from '../../common/errorCodes.ts';
import { runSitesHash } from '../runSitesHash.ts';
import type { Lineage } from './Lineage.ts';

export type CheckName = 'chain' | 'attesters' | 'quorum' | 'coordinator' | 'sites' | 'plan';

export interface LineageCheck {
  readonly check: CheckName;
  readonly status: 'passed' | 'failed' | 'not checked';
  /** The error code of a failed check. */
  readonly code?: ErrorCode;
  readonly detail: string;
}

/** What a plan file says a run must be. */
export interface PlanExpectation {
  readonly file: string;
  readonly planHash: Hash32;
  readonly quorum: number;
  /** The plan's site ids, in its order (the run registers their addresses in this order). */
  readonly siteIds: readonly string[];
}

const passed = (check: CheckName, detail: string): LineageCheck => ({ check, status: 'passed', detail });
const failed = (check: CheckName, code: ErrorCode, detail: string): LineageCheck => ({ check, status: 'failed', code, detail });
const lower = (addresses: readonly string[]) => new Set(addresses.map((address) => address.toLowerCase()));

function coordinatorCheck(lineage: Lineage, consortium: Consortium): LineageCheck {
  const expected = consortium.coordinator.address;
  if (lineage.coordinator.toLowerCase() === expected.toLowerCase()) return passed('coordinator', `${lineage.coordinator} is consortium ${consortium.name}'s coordinator`);
  return failed('coordinator', 'RUN_MISMATCH', `run ${lineage.runId} was created by ${lineage.coordinator}, not by consortium ${consortium.name}'s coordinator ${expected}`);
}

function sitesCheck(lineage: Lineage, consortium: Consortium, plan: PlanExpectation | undefined): LineageCheck {
  const registered = `run ${lineage.runId} registered ${lineage.sites.join(', ')}`;
  if (plan) {
    const missing = plan.siteIds.filter((id) => !consortium.sites.some((site) => site.id === id));
    if (missing.length > 0) return failed('sites', 'PLAN_MISMATCH', `${plan.file} names ${missing.join(', ')}, which consortium ${consortium.name} does not list`);
    const addresses = plan.siteIds.map((id) => consortium.sites.find((site) => site.id === id)!.address);
    if (runSitesHash(addresses) === lineage.sitesHash) return passed('sites', `the run's ${addresses.length} sites are consortium ${consortium.name}'s ${plan.siteIds.join(', ')} in the plan's order`);
    return failed('sites', 'RUN_MISMATCH', `${registered}, not consortium ${consortium.name}'s ${plan.siteIds.join(', ')} (${addresses.join(', ')}) in the plan's order`);
  }
  const members = lower(consortium.sites.map((site) => site.address));
  const strangers = lineage.sites.filter((site) => !members.has(site.toLowerCase()));
  if (strangers.length > 0) return failed('sites', 'RUN_MISMATCH', `${registered}; ${strangers.join(', ')} ${strangers.length === 1 ? 'is not a site' : 'are not sites'} of consortium ${consortium.name}`);
  if (runSitesHash(lineage.sites) !== lineage.sitesHash) return failed('sites', 'RUN_MISMATCH', `the sites of run ${lineage.runId}'s RunCreated event do not hash to its stored sitesHash`);
  return passed('sites', `the run's ${lineage.sites.length} sites are sites of consortium ${consortium.name}`);
}

function attestersCheck(lineage: Lineage, consortium: Consortium): LineageCheck {
  const members = lower(consortium.sites.map((site) => site.address));
  for (const round of lineage.rounds) {
    const strangers = round.signers.filter((signer) => !members.has(signer.toLowerCase()));
    if (strangers.length > 0) return failed('attesters', 'ATTESTER_UNKNOWN', `round ${round.round} was signed by ${strangers.join(', ')}, not a site of consortium ${consortium.name}`);
  }
  return passed('attesters', `every signature of rounds 1–${lineage.rounds.length} (recovered from the commit transactions) is a site of consortium ${consortium.name}`);
}

function quorumCheck(lineage: Lineage, consortium: Consortium | undefined, plan: PlanExpectation | undefined): LineageCheck {
  if (plan && lineage.quorum < plan.quorum) return failed('quorum', 'QUORUM_TOO_LOW', `run ${lineage.runId}'s quorum is ${lineage.quorum}, below ${plan.file}'s ${plan.quorum}`);
  const members = consortium && lower(consortium.sites.map((site) => site.address));
  const whose = consortium ? ` of consortium ${consortium.name}'s sites` : '';
  for (const round of lineage.rounds) {
    const counted = lower(round.signers.filter((signer) => !members || members.has(signer.toLowerCase())));
    if (counted.size < lineage.quorum) return failed('quorum', 'QUORUM_TOO_LOW', `round ${round.round} has ${counted.size} signatures${whose}; the run's quorum is ${lineage.quorum}`);
  }
  const planned = plan ? ` (${plan.file}'s quorum is ${plan.quorum})` : '';
  return passed('quorum', `every round has at least the run's quorum of ${lineage.quorum} signatures${whose}${planned}`);
}

function planCheck(lineage: Lineage, plan: PlanExpectation): LineageCheck {
  if (lineage.planHash === plan.planHash) return passed('plan', `run ${lineage.runId}'s plan hash is ${plan.file}'s`);
  return failed('plan', 'PLAN_MISMATCH', `run ${lineage.runId}'s plan hash ${lineage.planHash} is not ${plan.file}'s ${plan.planHash}`);
}

/** The checks a consortium file and a plan allow, in the order they are printed; none without either. */
export function lineageChecks(lineage: Lineage, consortium: Consortium | undefined, plan: PlanExpectation | undefined): LineageCheck[] {
  // Signers first: they are what a forger cannot make up without the sites' keys, so theirs is the code a reviewer sees.
  const checks: LineageCheck[] = [];
  if (consortium) checks.push(attestersCheck(lineage, consortium));
  if (consortium || plan) checks.push(quorumCheck(lineage, consortium, plan));
  if (consortium) checks.push(coordinatorCheck(lineage, consortium), sitesCheck(lineage, consortium, plan));
  if (plan) checks.push(planCheck(lineage, plan));
  return checks;
}
