// What one site's update vector is under a plan: its length and the L2 bound the codec and the mean checks are sized for.
// The single place that knows SCAFFOLD sends concat(Δy, Δc); the codec, the sites' mean bounds and the pipeline ask it.
import { modelParameters } from './modelParameters.ts';
import type { Plan } from './planSchema.ts';

export interface UpdateLayout {
  /** The model's parameter count P. */
  readonly parameters: number;
  /** Values per update: P, or 2P for SCAFFOLD (model update, then control-variate update). */
  readonly length: number;
  /** The L2 bound each part (the whole update, or each SCAFFOLD half) is clipped to: the plan's clipNorm. */
  readonly partClipNorm: number;
  /**
   * The L2 bound of the whole update: clipNorm, or clipNorm·√2 for SCAFFOLD, whose halves are clipped to clipNorm each
   * (‖(Δy, Δc)‖² ≤ 2·clipNorm²). The codec, the mean bounds and DP noise are scaled to this bound.
   */
  readonly clipNorm: number;
}

/**
 * Why each SCAFFOLD half is clipped on its own rather than the whole vector to clipNorm: Δc is a gradient-sized
 * quantity, about 1/(K·η) times Δy, so a joint clip would let Δc take the whole budget and shrink Δy far below what
 * FedAvg sends under the same plan. Clipped apart, Δy is bounded exactly as in FedAvg, and the codec is sized for √2 more.
 */
export function updateLayout(plan: Pick<Plan, 'model' | 'features' | 'strategy' | 'privacy'>): UpdateLayout {
  const parameters = modelParameters(plan.model, plan.features.length);
  const { clipNorm } = plan.privacy;
  if (plan.strategy.name === 'scaffold') return { parameters, length: 2 * parameters, partClipNorm: clipNorm, clipNorm: clipNorm * Math.SQRT2 };
  return { parameters, length: parameters, partClipNorm: clipNorm, clipNorm };
}
