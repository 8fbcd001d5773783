// Before its first update to a run, a site checks that the run on chain is the one its operator approved: the plan's
// hash and genesis model, the consortium's sites in the plan's order, the plan's quorum and the consortium's
// coordinator. A coordinator that created its run with other sites or a lower quorum gets no update from this site.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { SiteLedger } from '../ports.ts';

export interface ApprovedRun {
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  /** keccak256(abi.encode(sites)) of the consortium's site addresses in the plan's order (contracts/runSitesHash.ts). */
  readonly sitesHash: Hash32;
  readonly quorum: number;
  readonly coordinator: string;
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Throws RUN_MISMATCH naming every fact of run `runId` on chain that differs from `approved`. */
export async function checkRun(ledger: Pick<SiteLedger, 'run'>, runId: string, approved: ApprovedRun): Promise<void> {
  const run = await ledger.run(runId);
  const differences = [
    run.planHash !== approved.planHash && `plan hash ${run.planHash}, not the approved ${approved.planHash}`,
    run.genesisModelHash !== approved.genesisModelHash && `genesis model ${run.genesisModelHash}, not the plan's ${approved.genesisModelHash}`,
    run.sitesHash !== approved.sitesHash && "a site list other than the consortium's sites in the plan's order",
    run.quorum !== approved.quorum && `quorum ${run.quorum}, not the plan's ${approved.quorum}`,
    !sameAddress(run.coordinator, approved.coordinator) && `coordinator ${run.coordinator}, not the consortium's ${approved.coordinator}`,
  ].filter((difference): difference is string => typeof difference === 'string');
  if (differences.length > 0) {
    throw new MedflError('RUN_MISMATCH', `run ${runId} on the ledger is not the run this site approved: ${differences.join('; ')}`, { details: { runId, differences } });
  }
}
