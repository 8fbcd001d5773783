// The codec parameters of a run, derived from its plan alone: the coordinator, every site and provisioning (which
// seals the CKKS key for this codecId) all call this, so they agree on the codecId every envelope carries.
import { chooseCkksParameters, type CkksParameters } from '../he/ckksParameters.ts';
import { choosePlaintextParameters, type PlaintextParameters } from '../he/createPlaintextCodec.ts';
import { exampleCap } from '../plan/exampleCap.ts';
import type { Plan } from '../plan/planSchema.ts';
import { updateLayout } from '../plan/updateLayout.ts';

export type RunCodecParameters = CkksParameters | PlaintextParameters;

/** The plan's decryption threshold: as set, or a majority of its sites. */
export function decryptionThreshold(consortium: Pick<Plan['consortium'], 'sites' | 'decryptionThreshold'>): number {
  return consortium.decryptionThreshold ?? Math.floor(consortium.sites.length / 2) + 1;
}

export function runCodecParameters(plan: Pick<Plan, 'model' | 'features' | 'strategy' | 'privacy' | 'consortium'>): RunCodecParameters {
  // The update's length and L2 bound, not the model's: SCAFFOLD sends twice the values under √2 the bound.
  const { length: count, clipNorm } = updateLayout(plan);
  // Sized for exactly the admissible sums: every site at the plan's cap, so no sum of admissible updates can wrap.
  const maxExamples = exampleCap(plan);
  if (plan.privacy.encryption === 'plaintext') return choosePlaintextParameters({ parameterCount: count, maxExamples });
  const sites = plan.consortium.sites.length;
  const threshold = plan.privacy.encryption === 'ckks' ? { threshold: decryptionThreshold(plan.consortium) } : {};
  return chooseCkksParameters({
    ...threshold,
    parameterCount: count,
    maxSites: sites,
    clipNorm,
    maxExamples,
  });
}
