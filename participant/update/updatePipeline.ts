// What a site sends, decided by the plan: delta = w_local - w_global, clipped to the plan's bound. Differential
// privacy is not a stage here: DP-SGD adds its noise inside local training (participant/training/dpSgdStep.ts).
import type { Plan } from '../../common/plan/planSchema.ts';
import { clipTransform } from './clipToNorm.ts';
import { modelDelta } from './modelDelta.ts';
import type { SiteUpdate } from './UpdateTransform.ts';

/** Turns the locally trained weights and the global weights they started from into the update to encrypt. */
export type UpdatePipeline = (local: Float32Array, global: Float32Array) => SiteUpdate;

export function updatePipeline(plan: Pick<Plan, 'privacy'>): UpdatePipeline {
  const clip = clipTransform(plan.privacy.clipNorm);
  return (local, global) => clip({ values: modelDelta(local, global) });
}
