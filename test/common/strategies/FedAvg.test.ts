import { describe, expect, it } from 'vitest';
import { FedAvg, weightedMean } from '../../../common/strategies/FedAvg.ts';

describe('FedAvg', () => {
  it('averages the weighted sum by the total examples and adds it to the global weights', () => {
    // Two sites: site A (n=3) update [1, -1], site B (n=1) update [5, 3]: Σ nΔ = [8, 0], Σ n = 4 → mean [2, 0].
    const mean = weightedMean(new Float32Array([3 * 1 + 1 * 5, 3 * -1 + 1 * 3]), 4);
    expect(Array.from(mean)).toEqual([2, 0]);
    const strategy = new FedAvg();
    const { weights, state } = strategy.aggregateFit(new Float32Array([0.5, 0.25]), mean, strategy.initialState());
    expect(Array.from(weights)).toEqual([2.5, 0.25]);
    expect(state.step).toBe(1);
    expect(strategy.configureRound(1)).toEqual({ proximalMu: 0 });
  });

  it('rounds in Float32 so that every site derives identical bytes', () => {
    const global = new Float32Array([0.1]);
    const { weights } = new FedAvg().aggregateFit(global, new Float32Array([0.2]), new FedAvg().initialState());
    expect(weights[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });

  it('refuses an aggregate whose size differs from the model', () => {
    const strategy = new FedAvg();
    expect(() => strategy.aggregateFit(new Float32Array(3), new Float32Array(2), strategy.initialState())).toThrow(
      'the aggregate holds 2 values but the model has 3',
    );
    expect(() => weightedMean(new Float32Array(2), 0)).toThrow('cannot average over 0 examples');
  });
});
