// The genesis model of a run: a pure function of the plan, so every site and reviewer derives the same bytes.
import type { ModelSpec } from '../plan/planSchema.ts';
import { seededRandom } from '../seededRandom.ts';
import { buildTopology, denseLayers } from './buildTopology.ts';
import type { ModelArtifact } from './ModelArtifact.ts';

/**
 * Glorot-uniform kernels (limit sqrt(6 / (fan_in + fan_out))) and zero biases, drawn from the plan's seed with
 * medfl's own PRNG in plain float64 arithmetic (never a tfjs initialiser, whose backends differ in the last bits).
 */
export function genesisModel(plan: { readonly model: ModelSpec; readonly features: readonly string[]; readonly seed: number }): ModelArtifact {
  const inputWidth = plan.features.length;
  const { modelTopology, weightSpecs } = buildTopology(plan.model, inputWidth);
  const random = seededRandom(plan.seed, 'genesis');
  const values: number[] = [];
  for (const layer of denseLayers(plan.model, inputWidth)) {
    const limit = Math.sqrt(6 / (layer.inputs + layer.units));
    for (let i = 0; i < layer.inputs * layer.units; i += 1) values.push((2 * random.float() - 1) * limit);
    for (let i = 0; i < layer.units; i += 1) values.push(0);
  }
  return { modelTopology, weightSpecs, weights: Float32Array.from(values) };
}
