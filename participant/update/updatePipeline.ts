// What a site sends, decided by the plan: delta = w_local - w_global (with SCAFFOLD's control update Δc after it),
// clipped, then noised when the plan asks for DP.
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { updateLayout } from '../../common/plan/updateLayout.ts';
import { dpNoiseTransform } from './addDpNoise.ts';
import { clipTransform } from './clipToNorm.ts';
import { modelDelta } from './modelDelta.ts';
import type { SiteUpdate, UpdateTransform } from './UpdateTransform.ts';

/**
 * Turns the locally trained weights and the global weights they started from into the update to encrypt; under
 * SCAFFOLD `controlDelta` is the site's Δc = c_i⁺ − c_i, sent after Δy in the same vector.
 */
export type UpdatePipeline = (local: Float32Array, global: Float32Array, controlDelta?: Float32Array) => SiteUpdate;

function concat(first: Float32Array, second: Float32Array): Float32Array {
  const out = new Float32Array(first.length + second.length);
  out.set(first);
  out.set(second, first.length);
  return out;
}

/**
 * The plan's stages in order: clip always (each SCAFFOLD half to clipNorm, see updateLayout.ts), DP noise only for a
 * positive noise multiplier, scaled to the whole update's bound so its guarantee is the one the plan states.
 */
export function updatePipeline(plan: Pick<Plan, 'model' | 'features' | 'strategy' | 'privacy'>): UpdatePipeline {
  const layout = updateLayout(plan);
  const { dpNoiseMultiplier } = plan.privacy;
  const stages: UpdateTransform[] = [clipTransform(layout.partClipNorm, layout.length / layout.parameters)];
  if (dpNoiseMultiplier > 0) stages.push(dpNoiseTransform(dpNoiseMultiplier, layout.clipNorm));
  return (local, global, controlDelta) => {
    const delta = modelDelta(local, global);
    const values = controlDelta ? concat(delta, controlDelta) : delta;
    if (values.length !== layout.length) {
      throw new MedflError('UPDATE_INVALID', `the plan's ${plan.strategy.name} update holds ${layout.length} values; this one has ${values.length}`);
    }
    return stages.reduce((update, stage) => stage(update), { values });
  };
}
