// The codec parameters of a run, derived from its plan alone: the coordinator, every site and provisioning (which
// seals the CKKS key for this codecId) all call this, so they agree on the codecId every envelope carries.
import { chooseCkksParameters, type CkksParameters } from '../he/ckksParameters.ts';
import { choosePlaintextParameters, type PlaintextParameters } from '../he/createPlaintextCodec.ts';
import { genesisModel } from '../model/genesis.ts';
import { parameterCount } from '../model/ModelArtifact.ts';
import { exampleCap } from '../plan/exampleCap.ts';
import type { Plan } from '../plan/planSchema.ts';

export type RunCodecParameters = CkksParameters | PlaintextParameters;

export function runCodecParameters(plan: Pick<Plan, 'model' | 'features' | 'seed' | 'privacy' | 'consortium'>): RunCodecParameters {
  const count = parameterCount(genesisModel(plan).weightSpecs);
  // Sized for exactly the admissible sums: every site at the plan's cap, so no sum of admissible updates can wrap.
  const maxExamples = exampleCap(plan);
  if (plan.privacy.encryption === 'plaintext') return choosePlaintextParameters({ parameterCount: count, maxExamples });
  return chooseCkksParameters({
    parameterCount: count,
    maxSites: plan.consortium.sites.length,
    clipNorm: plan.privacy.clipNorm,
    maxExamples,
    dpNoiseMultiplier: plan.privacy.dpNoiseMultiplier,
  });
}
