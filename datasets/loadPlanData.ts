// The one loader from a plan to training data: every command that needs a plan's sites (participant, run, data
// inspect, baseline, evaluate) reads them here, so the same plan and data give every one of them the same rows.
import type { Plan } from '../common/plan/planSchema.ts';
import { MedflError } from '../common/MedflError.ts';
import { loadFhirSites, type FhirTabularOptions } from './fhir/loadFhirSites.ts';
import type { SiteSummary } from './fhir/SiteSummary.ts';
import { checkPlanFeatures, planFeatureNames } from './planFeatureNames.ts';
import { isUciSpec, resolveDataset } from './resolveDataset.ts';
import { missingSites } from './siteFolders.ts';
import type { SiteSplit } from './tabular.ts';

/** The plan's part of a plan: what it says about the data, the features, the split seed and the sites. */
export type DataPlan = Pick<Plan, 'name' | 'seed' | 'features' | 'dataset' | 'consortium'>;

export interface PlanSites {
  readonly splits: SiteSplit[];
  /** What each FHIR site's import found and left out (none for the tabular UCI data). */
  readonly summaries?: SiteSummary[];
}

/** The FHIR loader's options for a plan: its windowing, its consent purposes, a split seeded from its seed. */
function fhirOptions(plan: DataPlan, sites: readonly string[]): FhirTabularOptions {
  const { windowing, consentPurposes } = plan.dataset.kind === 'fhir' ? plan.dataset : {};
  return { seed: plan.seed, sites, ...(windowing ? { windowing } : {}), ...(consentPurposes ? { denyPurposes: consentPurposes } : {}) };
}

async function uciSites(plan: DataPlan, spec: string, sites: readonly string[]): Promise<SiteSplit[]> {
  if (!isUciSpec(spec)) throw new MedflError('DATASET_UNSUPPORTED', `plan ${plan.name} reads the UCI heart data, but ${spec} is not that data set (pass uci-heart)`);
  // FLamby's own split (seed 43), whatever the plan's seed: UCI results stay comparable with FLamby's.
  const all = await resolveDataset(spec);
  const missing = sites.filter((site) => !all.some((split) => split.site === site));
  if (missing.length > 0) throw missingSites(spec, missing, all.map((split) => split.site));
  return sites.map((site) => all.find((split) => split.site === site) as SiteSplit);
}

/**
 * Sites `sites` (the plan's, by default) of data set `spec` as the plan's `dataset` section reads them. The plan's
 * `features` are checked against the columns that section makes before any data is read.
 */
export async function loadPlanSites(plan: DataPlan, spec: string, sites: readonly string[] = plan.consortium.sites): Promise<PlanSites> {
  checkPlanFeatures(plan.features, planFeatureNames(plan.dataset), spec);
  if (plan.dataset.kind === 'uci-heart') return { splits: await uciSites(plan, spec, sites) };
  if (isUciSpec(spec)) throw new MedflError('DATASET_UNSUPPORTED', `plan ${plan.name} reads FHIR data, but ${spec} is the UCI heart data set`);
  const { sites: splits, summaries } = await loadFhirSites(spec, fhirOptions(plan, sites));
  return { splits, summaries };
}

/** The splits of `loadPlanSites`. */
export async function loadPlanData(plan: DataPlan, spec: string, sites?: readonly string[]): Promise<SiteSplit[]> {
  return (await loadPlanSites(plan, spec, sites)).splits;
}

/** One site's split: what a participant node trains and evaluates on once it has approved the plan. */
export async function loadSiteSplit(plan: DataPlan, spec: string, site: string): Promise<SiteSplit> {
  const [split] = await loadPlanData(plan, spec, [site]);
  return split as SiteSplit;
}
