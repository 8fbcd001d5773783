// What a site sends, decided by the plan: delta = w_local - w_global (with SCAFFOLD's control update Δc after it),
// clipped to the plan's bound. Differential privacy is not a stage here: DP-SGD adds its noise inside local training
// (participant/training/dpSgdStep.ts).
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { updateLayout } from '../../common/plan/updateLayout.ts';
import { clipTransform } from './clipToNorm.ts';
import { modelDelta } from './modelDelta.ts';
import type { SiteUpdate } from './UpdateTransform.ts';

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

/** The clip, each SCAFFOLD half to clipNorm (updateLayout.ts). */
export function updatePipeline(plan: Pick<Plan, 'model' | 'features' | 'strategy' | 'privacy'>): UpdatePipeline {
  const layout = updateLayout(plan);
  const clip = clipTransform(layout.partClipNorm, layout.length / layout.parameters);
  return (local, global, controlDelta) => {
    const delta = modelDelta(local, global);
    const values = controlDelta ? concat(delta, controlDelta) : delta;
    if (values.length !== layout.length) {
      throw new MedflError('UPDATE_INVALID', `the plan's ${plan.strategy.name} update holds ${layout.length} values; this one has ${values.length}`);
    }
    return clip({ values });
  };
}
