// A cell's plan: the base plan with the arm's patch merged in, the cell's seed and codec set, validated by the real
// plan parser, so a patch naming a field the plan format lacks stops the experiment before any cell starts.
import { parsePlan } from '../../common/plan/parsePlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { deepMerge, type JsonObject } from './deepMerge.ts';
import type { Cell } from './expandMatrix.ts';
import type { BasePlan } from './loadExperiment.ts';

export interface DerivedPlan {
  readonly plan: Plan;
  readonly planHash: string;
}

/** Baselines train the base plan's model on its data at the cell's seed; federated cells add the arm and codec. */
export function derivePlan(base: BasePlan, cell: Cell): DerivedPlan {
  let value: JsonObject = { ...base.value, seed: cell.seed };
  let source = `${base.file} with seed ${cell.seed}`;
  if (cell.kind === 'federated') {
    value = deepMerge(value, cell.arm.patch);
    value = deepMerge(value, { seed: cell.seed, privacy: { encryption: cell.codec } });
    source = `${base.file} under strategy ${cell.arm.name}, seed ${cell.seed}, codec ${cell.codec}`;
  }
  const plan = parsePlan(value, source);
  return { plan, planHash: planHash(plan) };
}
