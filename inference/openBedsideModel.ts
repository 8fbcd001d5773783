// Everything a bedside prediction needs, loaded and cross-checked once: the plan's windowing and features, the
// model's Dense layers, the site's own standardisation and the model's commit. Any disagreement between them
// would give a wrong probability silently, so each one is refused with its code before a patient is seen.
import { MedflError } from '../common/MedflError.ts';
import { denseNetwork, type DenseNetwork } from '../common/model/denseNetwork.ts';
import { readModelDir } from '../common/model/modelDir.ts';
import { modelHash } from '../common/model/modelHash.ts';
import { loadPlan } from '../common/plan/loadPlan.ts';
import { planHash } from '../common/plan/planHash.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { readStandardisation, type SiteStandardisation } from '../datasets/fhir/standardisationFile.ts';
import { DEFAULT_WINDOWING, type WindowingOptions } from '../datasets/fhir/windowing.ts';
import { checkPlanFeatures, planFeatureNames } from '../datasets/planFeatureNames.ts';
import { referenceFromChain, referenceFromProvenance, type ChainOptions, type ModelReference } from './modelReference.ts';

export interface BedsideModel {
  readonly plan: Plan;
  readonly windowing: WindowingOptions;
  readonly network: DenseNetwork;
  readonly standardisation: SiteStandardisation;
  readonly reference: ModelReference;
}

export interface BedsideOptions {
  readonly modelDir: string;
  readonly planFile: string;
  /** The site's standardisation.json, or its participant --out folder holding one. */
  readonly standardisation: string;
  /** Read and verify the model's commit on this chain; without it, provenance.json beside the model is used. */
  readonly chain?: ChainOptions;
}

function fhirWindowing(plan: Plan, planFile: string): WindowingOptions {
  if (plan.dataset.kind !== 'fhir') {
    throw new MedflError('DATASET_UNSUPPORTED', `plan ${planFile} reads the ${plan.dataset.kind} data set; bedside prediction needs a plan over FHIR vital signs`);
  }
  checkPlanFeatures(plan.features, planFeatureNames(plan.dataset), planFile);
  return { ...DEFAULT_WINDOWING, ...plan.dataset.windowing };
}

/** The standardisation must be the site's own for this plan, column for column. */
function checkStandardisation(standardisation: SiteStandardisation, plan: Plan, hash: string, path: string): void {
  if (standardisation.planHash !== hash) {
    throw new MedflError('STANDARDISATION_MISMATCH', `${path} was written for plan ${standardisation.planHash}, not for this plan (${hash}); use the file the site wrote when it trained this model`);
  }
  const at = plan.features.findIndex((name, i) => standardisation.featureNames[i] !== name);
  if (at >= 0 || standardisation.featureNames.length !== plan.features.length) {
    throw new MedflError('STANDARDISATION_MISMATCH', `${path} scales features ${standardisation.featureNames.join(', ')}, not the plan's ${plan.features.join(', ')}`);
  }
}

export async function openBedsideModel(options: BedsideOptions): Promise<BedsideModel> {
  const plan = loadPlan(options.planFile);
  const windowing = fhirWindowing(plan, options.planFile);
  const hash = planHash(plan);
  const standardisation = readStandardisation(options.standardisation);
  checkStandardisation(standardisation, plan, hash, options.standardisation);
  const artifact = readModelDir(options.modelDir);
  const network = denseNetwork(artifact);
  if (network.inputWidth !== plan.features.length) {
    throw new MedflError('PLAN_MISMATCH', `the model takes ${network.inputWidth} features but plan ${options.planFile} lists ${plan.features.length}`);
  }
  const loadedHash = modelHash(artifact);
  const reference = options.chain ? await referenceFromChain(options.modelDir, options.chain) : referenceFromProvenance(options.modelDir, loadedHash);
  // The chain check hashes the folder again: the weights answered with must be the ones it verified.
  if (reference.modelHash !== loadedHash) throw new MedflError('MODEL_HASH_MISMATCH', `${options.modelDir} changed while it was loaded (${loadedHash}, then ${reference.modelHash})`);
  if (reference.planHash !== undefined && reference.planHash !== hash) {
    throw new MedflError('PLAN_MISMATCH', `run ${reference.runId} on the ledger trained under plan ${reference.planHash}, not under ${options.planFile} (${hash})`);
  }
  return { plan, windowing, network, standardisation, reference };
}
