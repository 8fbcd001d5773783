// Finds the round that produced a model: in a named run from the contract's per-run index, or, for a reviewer holding
// only the model file, in the one run whose RoundCommitted events carry its hash (modelHash is an indexed topic).
import type { Contract } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import { isEventLog } from './ledgerEvents.ts';

export interface ModelRound {
  readonly runId: string;
  /** The first round of the run that produced the model (a later round may have kept it unchanged). */
  readonly round: number;
}

/** The runs that committed `modelHash`, in the order of their first such commit. */
async function runsCommitting(ledger: Contract, modelHash: Hash32): Promise<string[]> {
  const committed = (await ledger.queryFilter(ledger.filters.RoundCommitted!(null, null, modelHash), 0)).filter(isEventLog);
  return [...new Set(committed.map((entry) => String(entry.args.getValue('runId'))))];
}

/**
 * The round of `runId` (or of the only run, when none is named) that first produced `modelHash`; undefined when no
 * round did. Several runs and none named is MODEL_IN_SEVERAL_RUNS: one run cannot block another's model hash, so a
 * reviewer must say which run they hold the model from.
 */
export async function findModelRound(ledger: Contract, modelHash: Hash32, runId?: string): Promise<ModelRound | undefined> {
  let run = runId;
  if (run === undefined) {
    const runs = await runsCommitting(ledger, modelHash);
    if (runs.length > 1) {
      throw new MedflError('MODEL_IN_SEVERAL_RUNS', `model hash ${modelHash} was committed by runs ${runs.join(', ')}; name the run you hold it from (medfl verify --run N)`, {
        details: { modelHash, runIds: runs },
      });
    }
    run = runs[0];
    if (run === undefined) return undefined;
  }
  const round = Number(await ledger.getFunction('roundOfModel')(run, modelHash));
  return round === 0 ? undefined : { runId: run, round };
}
