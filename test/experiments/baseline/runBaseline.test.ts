import { describe, expect, it } from 'vitest';
import { loadUciHeart } from '../../../datasets/uci/loadUciHeart.ts';
import { baselineEpochs, runBaseline } from '../../../experiments/baseline/runBaseline.ts';

const splits = loadUciHeart();
const training = { optimizer: 'adam' as const, learningRate: 1e-3, batchSize: 4, localEpochs: 2 };

describe('runBaseline', () => {
  it('pooled: one run per seed, tested on every centre and on all tests pooled', async () => {
    let epochs = 0;
    const options = { splits, mode: 'pooled' as const, seeds: [1, 2], model: { kind: 'logistic' as const }, training };
    const runs = await runBaseline({ ...options, onEpoch: () => (epochs += 1) });
    expect(epochs).toBe(baselineEpochs(options));
    expect(runs.map((run) => [run.trainedOn, run.seed])).toEqual([['pooled', 1], ['pooled', 2]]);
    expect(Object.keys(runs[0]?.tests ?? {})).toEqual(['cleveland', 'hungary', 'switzerland', 'va', 'pooled']);
    expect(runs[0]?.tests.pooled?.examples).toBe(104 + 89 + 16 + 45);
    expect(runs[0]?.tests.cleveland?.accuracy).toBeGreaterThan(0.6);
  });

  it('pooled: trains on the given pooled training set when there is one', async () => {
    const tiny = { ...splits[2]!.train };
    const runs = await runBaseline({ splits, pooledTrain: tiny, mode: 'pooled', seeds: [1], model: { kind: 'logistic' }, training: { ...training, localEpochs: 1 } });
    const stacked = await runBaseline({ splits, mode: 'pooled', seeds: [1], model: { kind: 'logistic' }, training: { ...training, localEpochs: 1 } });
    expect(runs[0]?.tests.pooled?.accuracy).not.toBe(stacked[0]?.tests.pooled?.accuracy);
  });

  it('local: one run per training centre', async () => {
    const runs = await runBaseline({ splits, mode: 'local', seeds: [1], model: { kind: 'logistic' }, training: { ...training, localEpochs: 1 } });
    expect(runs.map((run) => run.trainedOn)).toEqual(['cleveland', 'hungary', 'switzerland', 'va']);
  });
});
