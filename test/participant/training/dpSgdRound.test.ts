import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { loadUciHeart } from '../../../datasets/uci/loadUciHeart.ts';
import { UCI_FEATURES } from '../../../datasets/uci/uciHeartLayout.ts';
import { dpSgdRound } from '../../../participant/training/dpSgdRound.ts';
import { evaluateModel } from '../../../participant/training/evaluateModel.ts';
import { fromLayersModel, toLayersModel } from '../../../participant/training/layersModelIo.ts';
import { ensureBackend } from '../../../participant/training/tfBackend.ts';

const split = loadUciHeart().find((s) => s.site === 'cleveland')!;

async function trainRounds(dp: { noiseMultiplier: number }, rounds: number): Promise<{ losses: number[]; auroc: number; weights: Float32Array }> {
  await ensureBackend();
  const model = await toLayersModel(genesisModel({ model: { kind: 'logistic' }, features: UCI_FEATURES, seed: 2 }));
  const optimizer = tf.train.adam(0.05);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  try {
    const losses: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      losses.push(dpSgdRound(model, optimizer, variables, split.train, { samplingRate: 16 / split.train.rows, maxGradNorm: 1, stepsPerRound: 13, ...dp }));
    }
    const artifact = await fromLayersModel(model);
    return { losses, auroc: (await evaluateModel(artifact, split.test)).auroc ?? 0, weights: artifact.weights };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

describe('dpSgdRound', () => {
  it('still learns the task with moderate noise (σ = 0.8, C = 1, q = 16/199): AUROC well above chance after a few rounds', async () => {
    const { losses, auroc } = await trainRounds({ noiseMultiplier: 0.8 }, 6);
    expect(losses.every((loss) => Number.isFinite(loss))).toBe(true);
    expect(losses.at(-1)).toBeLessThan(losses[0] ?? 0);
    expect(auroc).toBeGreaterThan(0.75);
  });

  it('is not reproducible from any seed: two runs from the same model and data end at different weights', async () => {
    const [a, b] = [await trainRounds({ noiseMultiplier: 1 }, 1), await trainRounds({ noiseMultiplier: 1 }, 1)];
    expect([...a.weights]).not.toEqual([...b.weights]);
  });
});
