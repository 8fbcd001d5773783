import { describe, expect, it } from 'vitest';
import { FedAdam } from '../../../common/strategies/FedAdam.ts';
import { FedAvg } from '../../../common/strategies/FedAvg.ts';
import { FedProx } from '../../../common/strategies/FedProx.ts';
import type { StrategyConsortium } from '../../../common/strategies/Strategy.ts';

const CONSORTIUM: StrategyConsortium = { sites: ['site-a', 'site-b'], minUpdates: 1, onRoundFailure: 'stop', maxRetries: 0 };

describe('FedProx', () => {
  it('changes only the round configuration: the proximal mu', () => {
    const prox = new FedProx(CONSORTIUM, 0.05);
    expect(prox).toBeInstanceOf(FedAvg);
    expect(prox.configureRound(3)).toEqual({ proximalMu: 0.05 });
    const global = new Float32Array([1, 2, 3]);
    const mean = new Float32Array([0.5, -0.5, 0.25]);
    const viaProx = prox.aggregateFit(global, mean, prox.initialState()).weights;
    const viaAvg = new FedAvg(CONSORTIUM).aggregateFit(global, mean, prox.initialState()).weights;
    expect(viaProx).toEqual(viaAvg);
  });

  it('composes with a server optimiser', () => {
    const prox = new FedProx(CONSORTIUM, 0.01, new FedAdam());
    const { state } = prox.aggregateFit(new Float32Array(2), new Float32Array([1, 1]), prox.initialState());
    expect(Object.keys(state.moments).sort()).toEqual(['m', 'v']);
  });

  it('refuses a negative mu', () => {
    expect(() => new FedProx(CONSORTIUM, -1)).toThrow('FedProx mu must be a finite number ≥ 0, not -1');
  });
});
