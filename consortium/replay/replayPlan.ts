// The run a store holds and the plan it ran under: the reviewer's plan file, or the plan the coordinator kept.
import { MedflError } from '../../common/MedflError.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { parsePlan } from '../../common/plan/parsePlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import type { RoundStore } from '../../coordinator/store/RoundStore.ts';
import type { StoredRun } from '../../coordinator/store/storedTypes.ts';

/** RUN_NOT_FOUND for a store without a run; PLAN_MISMATCH for a plan file of another run; USAGE when no plan is at hand. */
export function replayPlan(store: Pick<RoundStore, 'getRun' | 'plan'>, planFile: string | undefined): { plan: Plan; run: StoredRun } {
  const run = store.getRun();
  if (!run) throw new MedflError('RUN_NOT_FOUND', 'the coordinator store holds no run: its coordinator never created one');
  if (planFile === undefined) {
    const kept = store.plan(run.planHash);
    if (kept === undefined) throw new MedflError('USAGE', `the store does not keep run ${run.runId}'s plan ${run.planHash}; name it with --plan`);
    return { plan: parsePlan(JSON.parse(kept), 'the plan the store keeps'), run };
  }
  const plan = loadPlan(planFile);
  if (planHash(plan) !== run.planHash) {
    throw new MedflError('PLAN_MISMATCH', `${planFile} hashes to ${planHash(plan)}, but the store's run ${run.runId} is of plan ${run.planHash}`);
  }
  return { plan, run };
}
