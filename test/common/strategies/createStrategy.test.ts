import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../../common/strategies/createStrategy.ts';

describe('createStrategy', () => {
  it('builds the plug-in a plan names', () => {
    expect(createStrategy({ name: 'fedavg' }).name).toBe('fedavg');
    expect(createStrategy({ name: 'fedprox', mu: 0.1 }).configureRound(1)).toEqual({ proximalMu: 0.1 });
    const withAdam = createStrategy({ name: 'fedavg', serverOptimizer: { name: 'fedadam', learningRate: 0.05 } });
    const { weights, state } = withAdam.aggregateFit(new Float32Array(1), new Float32Array([1]), withAdam.initialState());
    // Reddi et al.: m = (1-β1)·Δ = 0.1, v = β2·τ² + (1-β2)·Δ² ≈ 0.01, w = 0 + η·m/(√v+τ) with the plan's η = 0.05.
    expect(state.moments.m?.[0]).toBeCloseTo(0.1, 6);
    expect(state.moments.v?.[0]).toBeCloseTo(0.01, 5);
    expect(weights[0]).toBeCloseTo((0.05 * 0.1) / (Math.sqrt(0.99e-6 + 0.01) + 1e-3), 5);
  });

  it('refuses unknown names with PLAN_INVALID', () => {
    expect(() => createStrategy({ name: 'scaffold' })).toThrow('unknown strategy scaffold; use fedavg or fedprox');
    expect(() => createStrategy({ name: 'fedavg', serverOptimizer: 'rmsprop' })).toThrow(
      'unknown server optimiser rmsprop; use fedadam, fedyogi or fedadagrad',
    );
  });
});
