import { describe, expect, it } from 'vitest';
import { denseNetwork, forwardOne } from '../../../common/model/denseNetwork.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import type { ModelArtifact } from '../../../common/model/ModelArtifact.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import { predictProbabilities } from '../../../participant/training/evaluateModel.ts';
import { tinyModel } from '../../helpers/tinyModel.ts';

const FEATURES = Array.from({ length: 32 }, (_, i) => `f${i}`);

/** A trained-looking model: the genesis topology with every weight (biases too) drawn at random. */
function randomised(model: ModelArtifact, seed: number): ModelArtifact {
  const random = seededRandom(seed, 'dense-network-test');
  return { ...model, weights: Float32Array.from(model.weights, () => (random.float() - 0.5) * 1.5) };
}

function rows(count: number, width: number): Float32Array {
  const random = seededRandom(3, 'dense-network-rows');
  return Float32Array.from({ length: count * width }, () => (random.float() - 0.5) * 6);
}

describe('denseNetwork / forwardOne (plain Float32 forward pass)', () => {
  it.each([
    ['an MLP with two hidden ReLU layers', { kind: 'mlp' as const, hidden: [16, 8] }],
    ['logistic regression', { kind: 'logistic' as const }],
  ])('gives the probabilities tfjs gives for %s, to float32 precision', async (_, spec) => {
    const model = randomised(genesisModel({ model: spec, features: FEATURES, seed: 7 }), 5);
    const data = rows(50, FEATURES.length);
    const expected = await predictProbabilities(model, { featureNames: FEATURES, features: data, labels: new Float32Array(50), rows: 50 });
    const network = denseNetwork(model);
    expect(network.inputWidth).toBe(32);
    for (let i = 0; i < 50; i++) {
      expect(forwardOne(network, data.subarray(i * 32, (i + 1) * 32))).toBeCloseTo(expected[i]!, 6);
    }
  });

  it('refuses a layer that is not Dense, naming it', () => {
    const model = tinyModel();
    const config = model.modelTopology.config as { layers: unknown[] };
    const topology = { ...model.modelTopology, config: { ...config, layers: [{ class_name: 'Conv1D', config: { name: 'c' } }] } };
    expect(() => denseNetwork({ ...model, modelTopology: topology })).toThrow('layer 1 of the model is Conv1D, not a Dense layer with a name and units');
  });

  it('refuses a row of the wrong width instead of reading past it', () => {
    expect(() => forwardOne(denseNetwork(tinyModel()), new Float32Array(12))).toThrow('the model takes 13 features but the row has 12');
  });
});
