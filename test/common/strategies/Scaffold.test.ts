import { describe, expect, it } from 'vitest';
import { Scaffold } from '../../../common/strategies/Scaffold.ts';
import type { StrategyConsortium } from '../../../common/strategies/Strategy.ts';

const CONSORTIUM: StrategyConsortium = { sites: ['site-a', 'site-b', 'site-c', 'site-d'], minUpdates: 2, onRoundFailure: 'retry', maxRetries: 1 };
const f = Math.fround;

describe('Scaffold', () => {
  it('moves x by η_g·mean Δy and c by |S|/N·mean Δc, and keeps c in its state', () => {
    const strategy = new Scaffold(CONSORTIUM, 0.5);
    // P = 2: the mean update is [Δy₀, Δy₁, Δc₀, Δc₁].
    const { weights, state } = strategy.aggregateFit(new Float32Array([1, -1]), new Float32Array([0.4, 0.2, 2, -4]), strategy.initialState(), { contributors: 2 });
    expect(Array.from(weights)).toEqual([f(1 + 0.2), f(-1 + 0.1)]);
    expect(Array.from(state.moments.c ?? [])).toEqual([1, -2]);
    expect(state.step).toBe(1);
    // The next round starts from that c: c ← c + (3/4)·mean Δc.
    const again = strategy.aggregateFit(weights, new Float32Array([0, 0, 4, 4]), state, { contributors: 3 });
    expect(Array.from(again.state.moments.c ?? [])).toEqual([4, 1]);
    expect(again.weights).toEqual(weights);
    expect(strategy.configureRound(1)).toEqual({ proximalMu: 0 });
  });

  it('with η_g = 1 moves the model exactly as FedAvg does, in Float32 and index order', () => {
    const strategy = new Scaffold(CONSORTIUM);
    const { weights } = strategy.aggregateFit(new Float32Array([0.1]), new Float32Array([0.2, 7]), strategy.initialState(), { contributors: 4 });
    expect(weights[0]).toBe(f(f(0.1) + f(0.2)));
  });

  it('refuses an aggregate that is not 2P long, a missing or impossible contributor count, and a bad state', () => {
    const strategy = new Scaffold(CONSORTIUM);
    const state = strategy.initialState();
    expect(() => strategy.aggregateFit(new Float32Array(2), new Float32Array(2), state, { contributors: 1 })).toThrow(
      'a SCAFFOLD aggregate holds 2 × 2 values (model update, control update), not 2',
    );
    expect(() => strategy.aggregateFit(new Float32Array(1), new Float32Array(2), state)).toThrow(
      'SCAFFOLD needs the number of contributing sites (1..4) to update its control variate, got undefined',
    );
    expect(() => strategy.aggregateFit(new Float32Array(1), new Float32Array(2), state, { contributors: 5 })).toThrow('got 5');
    expect(() => strategy.aggregateFit(new Float32Array(1), new Float32Array(2), { step: 1, moments: { c: new Float32Array(3) } }, { contributors: 1 })).toThrow(
      'the SCAFFOLD state holds 3 control values but the model has 1',
    );
  });

  it('refuses a server learning rate that is not a positive number', () => {
    expect(() => new Scaffold(CONSORTIUM, 0)).toThrow("SCAFFOLD's server learning rate must be a finite number > 0, not 0");
  });
});
