import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../../experiments/runner/loadExperiment.ts';
import { expandMatrix } from '../../../experiments/runner/expandMatrix.ts';

const training = { optimizer: 'adam', learningRate: 0.001, batchSize: 4, epochs: 5 };
const experiment = parseExperiment(
  {
    plans: ['p.json'],
    data: 'uci-heart',
    seeds: [42, 43],
    codecs: ['ckks', 'plaintext'],
    strategies: [
      { name: 'FedAvg', patch: {}, codecs: ['ckks'] },
      { name: 'FedProx', patch: { strategy: { name: 'fedprox', mu: 0.01 } } },
      { name: 'FedAvg', patch: {}, codecs: ['plaintext'], seeds: [42] },
    ],
    baselines: { pooled: { training }, local: { training } },
  },
  'test',
);

describe('expandMatrix', () => {
  it('lists arms × seeds × codecs in file order, honours an arm restricting them, then baselines (local first)', () => {
    const ids = expandMatrix(experiment, ['uci']).map((cell) => cell.id);
    expect(ids).toEqual([
      'fedavg-ckks-s42',
      'fedavg-ckks-s43',
      'fedprox-ckks-s42',
      'fedprox-plaintext-s42',
      'fedprox-ckks-s43',
      'fedprox-plaintext-s43',
      'fedavg-plaintext-s42',
      'baseline-local-s42',
      'baseline-local-s43',
      'baseline-pooled-s42',
      'baseline-pooled-s43',
    ]);
  });

  it('prefixes ids with the plan name when there are several base plans, so ids stay unique', () => {
    const ids = expandMatrix(experiment, ['a', 'b']).map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('a-fedavg-ckks-s42');
    expect(ids.at(-1)).toBe('b-baseline-pooled-s43');
  });

  it('is the same every time (a resumed experiment walks the same order)', () => {
    expect(expandMatrix(experiment, ['uci'])).toEqual(expandMatrix(experiment, ['uci']));
  });
});
