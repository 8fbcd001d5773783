// A model artifact's Sequential stack of Dense layers as plain Float32 arrays, and its forward pass for one row: a
// bedside server answering one patient at a time pays neither tfjs's start-up nor its per-call tensor bookkeeping.
import { MedflError } from '../MedflError.ts';
import { specSize, type ModelArtifact } from './ModelArtifact.ts';

export type DenseActivation = 'relu' | 'sigmoid' | 'linear';

export interface DenseLayer {
  readonly inputs: number;
  readonly units: number;
  /** Row-major [inputs, units], as tfjs stores a Dense kernel. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  readonly activation: DenseActivation;
}

export interface DenseNetwork {
  readonly inputWidth: number;
  readonly layers: readonly DenseLayer[];
}

interface LayerConfig {
  name: string;
  units: number;
  activation: string;
  useBias: boolean;
}

/** The Dense layers of a Sequential topology; anything else (another layer kind, a functional model) is refused. */
function layerConfigs(topology: Readonly<Record<string, unknown>>): LayerConfig[] {
  const config = topology.config as { layers?: unknown } | undefined;
  if (topology.class_name !== 'Sequential' || !Array.isArray(config?.layers)) {
    throw new MedflError('MODEL_INVALID', 'the model is not a Sequential stack of layers; medfl predicts with Dense-only Sequential models');
  }
  return config.layers.map((layer: { class_name?: unknown; config?: Record<string, unknown> }, i) => {
    const c = layer.config ?? {};
    if (layer.class_name !== 'Dense' || typeof c.name !== 'string' || typeof c.units !== 'number') {
      throw new MedflError('MODEL_INVALID', `layer ${i + 1} of the model is ${String(layer.class_name)}, not a Dense layer with a name and units`);
    }
    return { name: c.name, units: c.units, activation: String(c.activation ?? 'linear'), useBias: c.use_bias !== false };
  });
}

function activationOf(name: string, layer: string): DenseActivation {
  if (name === 'relu' || name === 'sigmoid' || name === 'linear') return name;
  throw new MedflError('MODEL_INVALID', `layer ${layer} uses activation ${name}; medfl predicts with relu, sigmoid or linear layers`);
}

/** Each named weight's values, sliced from the artifact's one buffer (views, not copies). */
function weightViews(artifact: ModelArtifact): Map<string, { shape: readonly number[]; values: Float32Array }> {
  const views = new Map<string, { shape: readonly number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of artifact.weightSpecs) {
    const size = specSize(spec);
    views.set(spec.name, { shape: spec.shape, values: artifact.weights.subarray(offset, offset + size) });
    offset += size;
  }
  return views;
}

/** The artifact as a chain of Dense layers whose widths fit one another; MODEL_INVALID otherwise. */
export function denseNetwork(artifact: ModelArtifact): DenseNetwork {
  const weights = weightViews(artifact);
  let inputs = -1;
  const layers = layerConfigs(artifact.modelTopology).map((config): DenseLayer => {
    const kernel = weights.get(`${config.name}/kernel`);
    const bias = weights.get(`${config.name}/bias`);
    const [rows, units] = kernel?.shape ?? [];
    if (kernel === undefined || rows === undefined || units !== config.units || (inputs >= 0 && rows !== inputs)) {
      throw new MedflError('MODEL_INVALID', `layer ${config.name} has no kernel of shape [${inputs >= 0 ? inputs : 'n'}, ${config.units}] in the weights`);
    }
    if (config.useBias && bias?.values.length !== units) throw new MedflError('MODEL_INVALID', `layer ${config.name} has no bias of ${units} values in the weights`);
    inputs = inputs >= 0 ? inputs : rows;
    const layer = { inputs, units, kernel: kernel.values, bias: config.useBias && bias ? bias.values : new Float32Array(units), activation: activationOf(config.activation, config.name) };
    inputs = units;
    return layer;
  });
  const first = layers[0];
  if (first === undefined) throw new MedflError('MODEL_INVALID', 'the model has no layers');
  if (layers.at(-1)?.units !== 1) throw new MedflError('MODEL_INVALID', `the model's last layer has ${layers.at(-1)?.units} units; a risk model ends in one`);
  return { inputWidth: first.inputs, layers };
}

function applyLayer(layer: DenseLayer, input: Float32Array): Float32Array {
  // Float32Array rounds every stored sum to float32 as tfjs's kernels do, so results agree to float32 precision.
  const output = Float32Array.from(layer.bias);
  for (let i = 0; i < layer.inputs; i++) {
    const x = input[i] ?? 0;
    if (x === 0) continue;
    const row = i * layer.units;
    for (let j = 0; j < layer.units; j++) output[j] = (output[j] ?? 0) + x * (layer.kernel[row + j] ?? 0);
  }
  for (let j = 0; j < layer.units; j++) {
    const z = output[j] ?? 0;
    output[j] = layer.activation === 'relu' ? Math.max(0, z) : layer.activation === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z;
  }
  return output;
}

/** The network's single output for one row of `inputWidth` features (a probability when the last layer is sigmoid). */
export function forwardOne(network: DenseNetwork, row: Float32Array): number {
  if (row.length !== network.inputWidth) {
    throw new MedflError('DATASET_UNSUPPORTED', `the model takes ${network.inputWidth} features but the row has ${row.length}`);
  }
  let values = row;
  for (const layer of network.layers) values = applyLayer(layer, values);
  return values[0] ?? Number.NaN;
}
