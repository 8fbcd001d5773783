// The feature columns a plan's `dataset` section makes, and the check that the plan's `features` are exactly those.
import { MedflError } from '../common/MedflError.ts';
import type { DatasetSpec } from '../common/plan/planSchema.ts';
import { featureLabel } from './fhir/loincVitals.ts';
import { DEFAULT_WINDOWING, featureNames } from './fhir/windowing.ts';
import { UCI_FEATURES } from './uci/uciHeartLayout.ts';

/** Column names, in order, of every site's table for this data section (no data needs to be read to know them). */
export function planFeatureNames(dataset: DatasetSpec): readonly string[] {
  if (dataset.kind === 'uci-heart') return UCI_FEATURES;
  return featureNames({ ...DEFAULT_WINDOWING, ...dataset.windowing }, featureLabel);
}

/** Refuses a plan whose `features` differ from the data's columns, naming the first difference. */
export function checkPlanFeatures(planFeatures: readonly string[], dataFeatures: readonly string[], spec: string): void {
  const at = planFeatures.findIndex((name, i) => name !== dataFeatures[i]);
  const first = at === -1 && dataFeatures.length > planFeatures.length ? planFeatures.length : at;
  if (first === -1) return;
  const [planned, found] = [planFeatures[first], dataFeatures[first]];
  const where = `feature ${first + 1}`;
  const message =
    found === undefined ? `the plan's ${where} "${planned}" is not among the ${dataFeatures.length} features ${spec} yields with the plan's data section`
    : planned === undefined ? `${spec} yields ${dataFeatures.length} features with the plan's data section but the plan lists ${planFeatures.length}; its ${where} "${found}" is not in the plan`
    : `the plan's ${where} is "${planned}" but ${spec} yields "${found}" there with the plan's data section`;
  throw new MedflError('DATASET_UNSUPPORTED', message, { details: { spec, index: first, planned, found } });
}
