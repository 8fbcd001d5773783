// A whole consortium set up on one machine, the one way `medfl run`, the benchmarks and the tests all use: every
// party's kit, the run's CKKS key sealed to each site (ckks-shared-key plans only: under threshold CKKS each site makes
// its own secret seed when it first runs), the plan approved at each site (with its privacy budget for a DP-SGD plan),
// the coordinator enrolled.
import type { Consortium } from '../common/kit/Consortium.ts';
import { approvePlan } from '../common/kit/planApproval.ts';
import { planHash } from '../common/plan/planHash.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { runPrivacyBudget, type PrivacyBudget } from '../common/privacy/privacyBudget.ts';
import { issueCkksKeys } from '../provision/issueCkksKeys.ts';
import { provisionConsortium } from '../provision/provisionConsortium.ts';

export interface AssembleOptions {
  readonly plan: Plan;
  /** Kits go to `<outDir>/<party id>`. */
  readonly outDir: string;
  /** The consortium's name in its certificates (default: the plan's name). */
  readonly name?: string;
  /**
   * Every site's privacy budget for a DP-SGD plan, recorded with its approval; default the plan's targetEpsilon
   * (runPrivacyBudget), and PRIVACY_BUDGET_REQUIRED for a DP-SGD plan without either.
   */
  readonly privacyBudget?: PrivacyBudget;
  /** Grants the coordinator's address COORDINATOR_ROLE and gas money; left out where no chain is involved. */
  readonly enrolCoordinator?: (address: string) => Promise<void>;
}

export interface AssembledConsortium {
  readonly consortium: Consortium;
  /** Kit folder per party id, the coordinator's under `coordinator`. */
  readonly kitDirs: Readonly<Record<string, string>>;
}

export async function assembleConsortium(options: AssembleOptions): Promise<AssembledConsortium> {
  const { plan } = options;
  const budget = options.privacyBudget ?? runPrivacyBudget(plan, undefined);
  const siteIds = [...plan.consortium.sites];
  const provisioned = await provisionConsortium({ consortium: options.name ?? plan.name, sites: siteIds, outDir: options.outDir });
  if (plan.privacy.encryption === 'ckks-shared-key') await issueCkksKeys(plan, provisioned.kitDirs, siteIds);
  const approval = { planHash: planHash(plan), name: plan.name, ...(budget ? { privacyBudget: budget } : {}) };
  for (const id of siteIds) approvePlan(provisioned.kitDirs[id]!, approval);
  await options.enrolCoordinator?.(provisioned.consortium.coordinator.address);
  return { consortium: provisioned.consortium, kitDirs: provisioned.kitDirs };
}
