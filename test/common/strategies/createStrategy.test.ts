import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../../common/strategies/createStrategy.ts';

describe('createStrategy', () => {
  it('builds the plug-in a plan names', () => {
    expect(createStrategy({ name: 'fedavg' }).name).toBe('fedavg');
    expect(createStrategy({ name: 'fedprox', mu: 0.1 }).configureRound(1)).toEqual({ proximalMu: 0.1 });
    const withAdam = createStrategy({ name: 'fedavg', serverOptimizer: { name: 'fedadam', learningRate: 0.05 } });
    const { state } = withAdam.aggregateFit(new Float32Array(1), new Float32Array([1]), withAdam.initialState());
    expect(state.moments.m).toBeDefined();
  });

  it('refuses unknown names with PLAN_INVALID', () => {
    expect(() => createStrategy({ name: 'scaffold' })).toThrow('unknown strategy scaffold; use fedavg or fedprox');
    expect(() => createStrategy({ name: 'fedavg', serverOptimizer: 'rmsprop' })).toThrow(
      'unknown server optimiser rmsprop; use fedadam, fedyogi or fedadagrad',
    );
  });
});
