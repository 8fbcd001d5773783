// The codec parameters of a run, derived from its plan alone: the coordinator, every site and provisioning (which
// seals the CKKS key for this codecId) all call this, so they agree on the codecId every envelope carries.
import { chooseCkksParameters, type CkksParameters } from '../he/ckksParameters.ts';
import { choosePlaintextParameters, type PlaintextParameters } from '../he/createPlaintextCodec.ts';
import { genesisModel } from '../model/genesis.ts';
import { parameterCount } from '../model/ModelArtifact.ts';
import type { Plan } from '../plan/planSchema.ts';

/**
 * The most examples one site may weight its update by. It bounds the encrypted sum (sites × examples × clip), so
 * it sets the CKKS prime; 100 000 records per site keeps a 64-site run within one 60-bit prime at error 1e-6.
 */
export const MAX_SITE_EXAMPLES = 100_000;

export type RunCodecParameters = CkksParameters | PlaintextParameters;

export function runCodecParameters(plan: Pick<Plan, 'model' | 'features' | 'seed' | 'privacy' | 'consortium'>): RunCodecParameters {
  const count = parameterCount(genesisModel(plan).weightSpecs);
  if (plan.privacy.encryption === 'plaintext') return choosePlaintextParameters({ parameterCount: count, maxExamples: MAX_SITE_EXAMPLES });
  return chooseCkksParameters({
    parameterCount: count,
    maxSites: plan.consortium.sites.length,
    clipNorm: plan.privacy.clipNorm,
    maxExamples: MAX_SITE_EXAMPLES,
    dpNoiseMultiplier: plan.privacy.dpNoiseMultiplier,
  });
}
