// What a site sends, decided by the plan: delta = w_local - w_global, clipped, then noised when the plan asks for DP.
import type { Plan } from '../../common/plan/planSchema.ts';
import { dpNoiseTransform } from './addDpNoise.ts';
import { clipTransform } from './clipToNorm.ts';
import { modelDelta } from './modelDelta.ts';
import type { SiteUpdate, UpdateTransform } from './UpdateTransform.ts';

/** Turns the locally trained weights and the global weights they started from into the update to encrypt. */
export type UpdatePipeline = (local: Float32Array, global: Float32Array) => SiteUpdate;

/** The plan's stages in order: clip always, DP noise only for a positive noise multiplier. */
export function updatePipeline(plan: Pick<Plan, 'privacy'>): UpdatePipeline {
  const { clipNorm, dpNoiseMultiplier } = plan.privacy;
  const stages: UpdateTransform[] = [clipTransform(clipNorm)];
  if (dpNoiseMultiplier > 0) stages.push(dpNoiseTransform(dpNoiseMultiplier, clipNorm));
  return (local, global) => stages.reduce((update, stage) => stage(update), { values: modelDelta(local, global) });
}
