// What a site's operator approved of a run, in the form the ledger stores it: the plan's hash, its genesis model,
// the consortium's sites in the plan's order (hashed as RoundLedger hashes them), the quorum and the coordinator.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { runSitesHash } from '../../contracts/runSitesHash.ts';
import type { ApprovedRun } from './checkRun.ts';

export function approvedRun(plan: Plan, planHash: Hash32, genesisModelHash: Hash32, consortium: Consortium): ApprovedRun {
  const sites = plan.consortium.sites.map((id) => {
    const site = consortium.sites.find((entry) => entry.id === id);
    if (!site) throw new MedflError('PLAN_MISMATCH', `the plan names site ${id}, which consortium.json does not list`);
    return site.address;
  });
  return { planHash, genesisModelHash, sitesHash: runSitesHash(sites), quorum: plan.consortium.quorum, coordinator: consortium.coordinator.address };
}
