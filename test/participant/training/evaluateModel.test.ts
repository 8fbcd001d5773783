import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../common/metrics.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import type { TabularDataset } from '../../../datasets/tabular.ts';
import { evaluateModel, predictProbabilities } from '../../../participant/training/evaluateModel.ts';

const data: TabularDataset = {
  featureNames: ['a', 'b'],
  features: Float32Array.from([1, 0, 0, 1, 2, 2, -1, 0.5, 0, 0]),
  labels: Float32Array.from([1, 0, 1, 0, 1]),
  rows: 5,
};

describe('evaluateModel', () => {
  const model = { ...genesisModel({ model: { kind: 'logistic' }, features: ['a', 'b'], seed: 1 }), weights: Float32Array.from([1.5, -2, 0.25]) };

  it('predicts sigmoid(x·w + b) for every row', async () => {
    const probabilities = await predictProbabilities(model, data);
    const expected = [0, 1, 2, 3, 4].map((row) => {
      const z = 1.5 * (data.features[row * 2] ?? 0) - 2 * (data.features[row * 2 + 1] ?? 0) + 0.25;
      return 1 / (1 + Math.exp(-z));
    });
    expected.forEach((p, row) => expect(probabilities[row]).toBeCloseTo(p, 6));
  });

  it('reports loss, accuracy, AUROC, AUPRC, Brier and positive rate over those predictions', async () => {
    const metrics = await evaluateModel(model, data);
    expect(metrics).toEqual(binaryMetrics(await predictProbabilities(model, data), data.labels));
    expect(metrics.examples).toBe(5);
    expect(metrics.accuracy).toBe(0.8);
  });

  it('refuses data of the wrong width', async () => {
    await expect(evaluateModel(model, { ...data, featureNames: ['a'] })).rejects.toMatchObject({ code: 'DATASET_UNSUPPORTED' });
  });
});
