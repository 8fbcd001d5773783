import { describe, expect, it } from 'vitest';
import { deepMerge } from '../../../experiments/runner/deepMerge.ts';

describe('deepMerge', () => {
  it('merges objects key by key and replaces anything else, arrays included', () => {
    const base = { training: { optimizer: 'adam', learningRate: 0.001, batchSize: 4 }, consortium: { sites: ['a', 'b', 'c'] }, rounds: 15 };
    const merged = deepMerge(base, { training: { optimizer: 'sgd' }, consortium: { sites: ['a'] }, rounds: 2 });
    expect(merged).toEqual({ training: { optimizer: 'sgd', learningRate: 0.001, batchSize: 4 }, consortium: { sites: ['a'] }, rounds: 2 });
  });

  it('deletes a field the patch sets to null, so a patch can swap a field for its alternative', () => {
    const merged = deepMerge({ training: { localEpochs: 3, batchSize: 4 } }, { training: { localEpochs: null, localSteps: 100 } });
    expect(merged).toEqual({ training: { batchSize: 4, localSteps: 100 } });
  });

  it('replaces a strategy object wholesale only where the patch says so, and changes neither argument', () => {
    const base = { strategy: { name: 'fedprox', mu: 0.01 } };
    const patch = { strategy: { name: 'fedavg', mu: null } };
    expect(deepMerge(base, patch)).toEqual({ strategy: { name: 'fedavg' } });
    expect(base).toEqual({ strategy: { name: 'fedprox', mu: 0.01 } });
    expect(patch).toEqual({ strategy: { name: 'fedavg', mu: null } });
  });
});
