import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../../common/strategies/createStrategy.ts';
import type { StrategyConsortium } from '../../../common/strategies/Strategy.ts';

const CONSORTIUM: StrategyConsortium = { sites: ['site-a', 'site-b', 'site-c'], minUpdates: 2, onRoundFailure: 'retry', maxRetries: 1 };

describe('createStrategy', () => {
  it('builds the plug-in a plan names', () => {
    expect(createStrategy({ name: 'fedavg' }, CONSORTIUM).name).toBe('fedavg');
    expect(createStrategy({ name: 'fedprox', mu: 0.1 }, CONSORTIUM).configureRound(1)).toEqual({ proximalMu: 0.1 });
    const withAdam = createStrategy({ name: 'fedavg', serverOptimizer: { name: 'fedadam', learningRate: 0.05 } }, CONSORTIUM);
    const { weights, state } = withAdam.aggregateFit(new Float32Array(1), new Float32Array([1]), withAdam.initialState());
    // Reddi et al.: m = (1-β1)·Δ = 0.1, v = β2·τ² + (1-β2)·Δ² ≈ 0.01, w = 0 + η·m/(√v+τ) with the plan's η = 0.05.
    expect(state.moments.m?.[0]).toBeCloseTo(0.1, 6);
    expect(state.moments.v?.[0]).toBeCloseTo(0.01, 5);
    expect(weights[0]).toBeCloseTo((0.05 * 0.1) / (Math.sqrt(0.99e-6 + 0.01) + 1e-3), 5);
    const scaffold = createStrategy({ name: 'scaffold', serverLearningRate: 0.5 }, CONSORTIUM);
    expect(scaffold.name).toBe('scaffold');
    expect(scaffold.aggregateFit(new Float32Array(1), new Float32Array([2, 3]), scaffold.initialState(), { contributors: 3 }).weights).toEqual(new Float32Array([1]));
  });

  it('refuses a server optimiser on SCAFFOLD, which has its own server step', () => {
    expect(() => createStrategy({ name: 'scaffold', serverOptimizer: 'fedadam' }, CONSORTIUM)).toThrow('SCAFFOLD takes no server optimiser; set its serverLearningRate instead');
  });

  it('refuses unknown names with PLAN_INVALID', () => {
    expect(() => createStrategy({ name: 'fedsgd' }, CONSORTIUM)).toThrow('unknown strategy fedsgd; use fedavg, fedprox or scaffold');
    expect(() => createStrategy({ name: 'fedavg', serverOptimizer: 'rmsprop' }, CONSORTIUM)).toThrow(
      'unknown server optimiser rmsprop; use fedadam, fedyogi or fedadagrad',
    );
  });

  it('hands the plan\'s consortium section to the strategy: its close and retry policy follow the plan', () => {
    const strategy = createStrategy({ name: 'fedprox', mu: 0.1 }, { ...CONSORTIUM, onRoundFailure: 'stop' });
    expect(strategy.decideCollect({ updates: 2, atDeadline: true })).toEqual({ kind: 'close' });
    expect(strategy.onRoundFailure(1, 0)).toEqual({ kind: 'stop' });
  });
});
