// The TensorFlow.js layers topology of each model in the zoo, written out in full as tfjs itself saves it,
// so a model loaded into tfjs and saved again keeps the same topology bytes (and so the same modelHash).
import type { ModelSpec } from '../plan/planSchema.ts';
import type { WeightSpec } from './ModelArtifact.ts';

export interface DenseLayerShape {
  readonly name: string;
  readonly inputs: number;
  readonly units: number;
  readonly activation: 'relu' | 'sigmoid';
}

/** The dense layers of a model: hidden layers with ReLU, then one sigmoid unit (a probability). */
export function denseLayers(model: ModelSpec, inputWidth: number): DenseLayerShape[] {
  const widths = model.kind === 'mlp' ? [...model.hidden, 1] : [1];
  let inputs = inputWidth;
  return widths.map((units, i) => {
    const layer: DenseLayerShape = { name: `dense_${i}`, inputs, units, activation: i === widths.length - 1 ? 'sigmoid' : 'relu' };
    inputs = units;
    return layer;
  });
}

// Glorot-uniform is recorded for tools that re-initialise; medfl itself always ships explicit weights.
function denseConfig(layer: DenseLayerShape, first: boolean): Record<string, unknown> {
  return {
    units: layer.units,
    activation: layer.activation,
    use_bias: true,
    kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } },
    bias_initializer: { class_name: 'Zeros', config: {} },
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
    name: layer.name,
    trainable: true,
    ...(first ? { batch_input_shape: [null, layer.inputs], dtype: 'float32' } : {}),
  };
}

/** The Sequential topology and weight manifest of `model` over `inputWidth` features. */
export function buildTopology(model: ModelSpec, inputWidth: number): { modelTopology: Record<string, unknown>; weightSpecs: WeightSpec[] } {
  const layers = denseLayers(model, inputWidth);
  const modelTopology = {
    class_name: 'Sequential',
    config: {
      name: `medfl_${model.kind}`,
      layers: layers.map((layer, i) => ({ class_name: 'Dense', config: denseConfig(layer, i === 0) })),
    },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
  const weightSpecs = layers.flatMap((layer): WeightSpec[] => [
    { name: `${layer.name}/kernel`, shape: [layer.inputs, layer.units], dtype: 'float32' },
    { name: `${layer.name}/bias`, shape: [layer.units], dtype: 'float32' },
  ]);
  return { modelTopology, weightSpecs };
}
