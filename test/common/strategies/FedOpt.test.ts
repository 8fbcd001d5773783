import { describe, expect, it } from 'vitest';
import { FedAdagrad } from '../../../common/strategies/FedAdagrad.ts';
import { FedAdam } from '../../../common/strategies/FedAdam.ts';
import { FedYogi } from '../../../common/strategies/FedYogi.ts';
import { EMPTY_STRATEGY_STATE } from '../../../common/strategies/Strategy.ts';

const f = Math.fround;
const options = { learningRate: 0.1, beta1: 0.9, beta2: 0.99, tau: 1e-3 };

// Reference: Reddi et al. 2021, Algorithm 2, computed by hand in Float32 for one coordinate.
function expected(secondMoment: (v: number, d2: number) => number, delta: number, x: number): number {
  const m = f(f(0.9 * 0) + f(f(1 - 0.9) * delta));
  const v = secondMoment(f(options.tau * options.tau), f(delta * delta));
  return f(x + f(f(0.1 * m) / f(f(Math.sqrt(v)) + options.tau)));
}

describe('server optimisers (FedAdam, FedYogi, FedAdagrad)', () => {
  const global = new Float32Array([0.5, -0.25]);
  const delta = new Float32Array([0.2, -0.4]);

  it('FedAdam follows Algorithm 2 with an exponential second moment', () => {
    const { weights, state } = new FedAdam(options).step(global, delta, EMPTY_STRATEGY_STATE);
    const adam = (v: number, d2: number) => f(f(0.99 * v) + f(f(1 - 0.99) * d2));
    expect(weights[0]).toBe(expected(adam, f(0.2), f(0.5)));
    expect(weights[1]).toBe(expected(adam, f(-0.4), f(-0.25)));
    expect(state.step).toBe(1);
  });

  it('FedYogi moves v additively by sign(v - Δ²)', () => {
    const { weights } = new FedYogi(options).step(global, delta, EMPTY_STRATEGY_STATE);
    const yogi = (v: number, d2: number) => f(v - f(f(f(1 - 0.99) * d2) * Math.sign(v - d2)));
    expect(weights[0]).toBe(expected(yogi, f(0.2), f(0.5)));
  });

  it('FedAdagrad accumulates Δ²', () => {
    const { weights } = new FedAdagrad(options).step(global, delta, EMPTY_STRATEGY_STATE);
    expect(weights[1]).toBe(expected((v, d2) => f(v + d2), f(-0.4), f(-0.25)));
  });

  it('is deterministic across restarts when the state is carried over', () => {
    const adam = new FedAdam(options);
    const first = adam.step(global, delta, EMPTY_STRATEGY_STATE);
    const resumed = new FedAdam(options).step(first.weights, delta, { step: 1, moments: { m: first.state.moments.m!.slice(), v: first.state.moments.v!.slice() } });
    const straight = adam.step(first.weights, delta, first.state);
    expect(resumed.weights).toEqual(straight.weights);
    expect(first.state.moments.m).toEqual(adam.step(global, delta, EMPTY_STRATEGY_STATE).state.moments.m);
  });

  it('refuses negative hyper-parameters', () => {
    expect(() => new FedAdam({ learningRate: -1 })).toThrow('server optimiser learningRate must be ≥ 0, not -1');
  });
});
