// The genesis model of a run: a pure function of the plan, so every site and reviewer derives the same bytes.
import type { ModelSpec } from '../plan/planSchema.ts';
import { seededRandom } from '../seededRandom.ts';
import { buildTopology, denseLayers } from './buildTopology.ts';
import type { ModelArtifact } from './ModelArtifact.ts';

/** A dense layer's kernel and bias limits: values are drawn uniformly in ±limit (a limit of 0 draws zeros). */
function layerLimits(initializer: ModelSpec['initializer'], inputs: number, units: number): { kernel: number; bias: number } {
  if (initializer === 'torch-linear') {
    // nn.Linear.reset_parameters: kaiming_uniform_(a=√5) gives a kernel bound of 1/√fan_in, and the bias the same.
    const bound = 1 / Math.sqrt(inputs);
    return { kernel: bound, bias: bound };
  }
  return { kernel: Math.sqrt(6 / (inputs + units)), bias: 0 };
}

/**
 * Kernels and biases as the plan's initializer says (Glorot-uniform kernels and zero biases by default), drawn from the
 * plan's seed with medfl's own PRNG in plain float64 arithmetic (never a tfjs initialiser, whose backends differ in the
 * last bits).
 */
export function genesisModel(plan: { readonly model: ModelSpec; readonly features: readonly string[]; readonly seed: number }): ModelArtifact {
  const inputWidth = plan.features.length;
  const { modelTopology, weightSpecs } = buildTopology(plan.model, inputWidth);
  const random = seededRandom(plan.seed, 'genesis');
  const layers = denseLayers(plan.model, inputWidth);
  // Written straight into the Float32Array (each float64 draw rounded as Float32Array.from would): a 50 M-weight plan
  // as a JS number list first would take about 1.8 GB.
  const weights = new Float32Array(layers.reduce((sum, layer) => sum + (layer.inputs + 1) * layer.units, 0));
  let at = 0;
  for (const layer of layers) {
    const limits = layerLimits(plan.model.initializer, layer.inputs, layer.units);
    for (let i = 0; i < layer.inputs * layer.units; i += 1) weights[at++] = (2 * random.float() - 1) * limits.kernel;
    for (let i = 0; i < layer.units; i += 1) weights[at++] = limits.bias === 0 ? 0 : (2 * random.float() - 1) * limits.bias;
  }
  return { modelTopology, weightSpecs, weights };
}
