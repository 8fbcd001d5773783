// A cell's plan: the base plan with the arm's patch merged in, the cell's seed and codec set, validated by the real
// plan parser, so a patch naming a field the plan format lacks stops the experiment before any cell starts.
import { MedflError } from '../../common/MedflError.ts';
import { parsePlan, type PlanProblem } from '../../common/plan/parsePlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { deepMerge, type JsonObject } from './deepMerge.ts';
import type { Cell } from './expandMatrix.ts';
import type { BasePlan } from './loadExperiment.ts';

export interface DerivedPlan {
  readonly plan: Plan;
  readonly planHash: string;
}

/** parsePlan, its problems on one line: an experiment refuses many cells' plans, one line each. */
function parseOneLine(value: JsonObject, source: string): Plan {
  try {
    return parsePlan(value, source);
  } catch (error) {
    const problems = error instanceof MedflError ? (error.details.problems as PlanProblem[] | undefined) : undefined;
    if (!problems) throw error;
    throw new MedflError('PLAN_INVALID', `${source} is not a valid plan: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { details: error instanceof MedflError ? error.details : {} });
  }
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
  const plan = parseOneLine(value, source);
  return { plan, planHash: planHash(plan) };
}
