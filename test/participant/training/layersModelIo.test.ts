import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../common/canonicalJson.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import { fromLayersModel, toLayersModel, weightsLike } from '../../../participant/training/layersModelIo.ts';
import { ensureBackend } from '../../../participant/training/tfBackend.ts';

const features = Array.from({ length: 6 }, (_, i) => `f${i}`);

describe('layersModelIo', () => {
  it('round-trips the genesis model through tfjs with identical topology and weights (so the same modelHash)', async () => {
    await ensureBackend();
    for (const model of [{ kind: 'logistic' as const }, { kind: 'mlp' as const, hidden: [5, 3] }]) {
      const genesis = genesisModel({ model, features, seed: 11 });
      const layers = await toLayersModel(genesis);
      const saved = await fromLayersModel(layers);
      layers.dispose();
      expect(canonicalJson(saved.modelTopology)).toBe(canonicalJson(genesis.modelTopology));
      expect(saved.weightSpecs).toEqual(genesis.weightSpecs);
      expect(modelHash(saved)).toBe(modelHash(genesis));
    }
  });

  it('computes what the weights say: a logistic model is sigmoid(x·w + b)', async () => {
    const genesis = genesisModel({ model: { kind: 'logistic' }, features, seed: 4 });
    const weights = Float32Array.from([0.5, -1, 0.25, 2, 0, -0.5, 0.1]);
    const layers = await toLayersModel({ ...genesis, weights });
    const x = [1, 2, 3, 4, 5, 6];
    const output = tf.tidy(() => layers.predict(tf.tensor2d(x, [1, 6])) as tf.Tensor);
    const z = x.reduce((sum, value, i) => sum + value * (weights[i] ?? 0), 0) + 0.1;
    expect(output.dataSync()[0]).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
    output.dispose();
    layers.dispose();
  });

  it('reorders saved weights into the reference manifest by name', async () => {
    const genesis = genesisModel({ model: { kind: 'mlp', hidden: [4] }, features, seed: 2 });
    const layers = await toLayersModel(genesis);
    const copy = await weightsLike(layers, genesis);
    layers.dispose();
    expect(copy.weights).toEqual(genesis.weights);
  });

  it('rejects a topology tfjs cannot build with MODEL_INVALID', async () => {
    const genesis = genesisModel({ model: { kind: 'logistic' }, features, seed: 2 });
    const broken = { ...genesis, modelTopology: { class_name: 'NoSuchModel', config: {} } };
    await expect(toLayersModel(broken)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/^TensorFlow.js cannot build this model: /) });
  });
});
