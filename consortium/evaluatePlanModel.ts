// `medfl evaluate`: a model scored on every site's test split of a plan's data, read exactly as the plan's nodes read
// it; a model that is not the plan's (another input width or layer shapes) is refused before any data is read.
import { MedflError } from '../common/MedflError.ts';
import { buildTopology } from '../common/model/buildTopology.ts';
import { readModelDir } from '../common/model/modelDir.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { loadPlanData } from '../datasets/loadPlanData.ts';
import { evaluateFinalModel, type FinalEvaluation } from './evaluateFinalModel.ts';

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Refuses a model whose weights do not have the shapes the plan's model over the plan's features has. */
export function checkModelFitsPlan(modelDir: string, plan: Plan): void {
  const actual = readModelDir(modelDir).weightSpecs;
  const expected = buildTopology(plan.model, plan.features.length).weightSpecs;
  const inputs = actual.find((spec) => spec.shape.length === 2)?.shape[0];
  if (inputs !== plan.features.length) {
    throw new MedflError('PLAN_MISMATCH', `the model in ${modelDir} takes ${inputs ?? 'no'} input features but plan ${plan.name} lists ${plan.features.length}`);
  }
  const differs = actual.length !== expected.length || expected.some((spec, i) => shapeText(spec.shape) !== shapeText(actual[i]?.shape ?? []));
  if (differs) {
    const shapes = (specs: typeof actual) => specs.map((spec) => shapeText(spec.shape)).join(' ');
    throw new MedflError('PLAN_MISMATCH', `the model in ${modelDir} has weights ${shapes(actual)}, not plan ${plan.name}'s ${plan.model.kind} model (${shapes(expected)})`);
  }
}

/** The model's metrics on each of the plan's sites' test splits of `spec`, and their unweighted means. */
export async function evaluatePlanModel(modelDir: string, plan: Plan, spec: string): Promise<FinalEvaluation> {
  checkModelFitsPlan(modelDir, plan);
  return evaluateFinalModel(modelDir, await loadPlanData(plan, spec));
}
