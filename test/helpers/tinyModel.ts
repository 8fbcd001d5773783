// A small, fully specified float32 model artifact for tests that need a real model directory.
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';

export function tinyModel(seed = 1): ModelArtifact {
  const weights = new Float32Array(13 + 1);
  for (let i = 0; i < weights.length; i += 1) weights[i] = Math.sin(seed * 97 + i) / 3;
  return {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'logreg',
        layers: [{ class_name: 'Dense', config: { name: 'dense', units: 1, activation: 'sigmoid', use_bias: true, batch_input_shape: [null, 13] } }],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightSpecs: [
      { name: 'dense/kernel', shape: [13, 1], dtype: 'float32' },
      { name: 'dense/bias', shape: [1], dtype: 'float32' },
    ],
    weights,
  };
}
