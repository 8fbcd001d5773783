// Adaptive server optimisers of Reddi et al. 2021 ("Adaptive Federated Optimization", ICLR), Algorithm 2:
// m ← β1·m + (1-β1)·Δ;  v ← secondMoment(v, Δ);  x ← x + η·m / (√v + τ), with m₋₁ = 0 and v₋₁ = τ².
// Every value is rounded to Float32 after each operation, in index order, so all key holders agree bit for bit.
import { MedflError } from '../MedflError.ts';
import type { ServerOptimizer } from './ServerOptimizer.ts';
import type { StrategyState } from './Strategy.ts';

export interface FedOptOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly tau: number;
}

export const FEDOPT_DEFAULTS: FedOptOptions = { learningRate: 0.1, beta1: 0.9, beta2: 0.99, tau: 1e-3 };

const f = Math.fround;

export abstract class FedOpt implements ServerOptimizer {
  abstract readonly name: string;
  protected readonly options: FedOptOptions;

  constructor(options: Partial<FedOptOptions> = {}) {
    this.options = { ...FEDOPT_DEFAULTS, ...options };
    for (const [key, value] of Object.entries(this.options)) {
      if (!(Number.isFinite(value) && value >= 0)) throw new MedflError('PLAN_INVALID', `server optimiser ${key} must be ≥ 0, not ${value}`);
    }
  }

  /** v_t from v_{t-1} and the squared pseudo-gradient Δ² (both Float32). */
  protected abstract secondMoment(previous: number, squared: number): number;

  step(global: Float32Array, meanUpdate: Float32Array, state: StrategyState): { weights: Float32Array; state: StrategyState } {
    const { learningRate, beta1, tau } = this.options;
    const m = state.moments.m?.slice() ?? new Float32Array(global.length);
    const v = state.moments.v?.slice() ?? new Float32Array(global.length).fill(f(tau * tau));
    if (m.length !== global.length || v.length !== global.length) {
      throw new MedflError('UPDATE_INVALID', `server optimiser state holds ${m.length} values but the model has ${global.length}`);
    }
    const weights = new Float32Array(global.length);
    for (let i = 0; i < global.length; i += 1) {
      const delta = meanUpdate[i] ?? 0;
      m[i] = f(f(beta1 * (m[i] ?? 0)) + f(f(1 - beta1) * delta));
      v[i] = this.secondMoment(v[i] ?? 0, f(delta * delta));
      weights[i] = f((global[i] ?? 0) + f(f(learningRate * (m[i] ?? 0)) / f(f(Math.sqrt(v[i] ?? 0)) + tau)));
    }
    return { weights, state: { step: state.step + 1, moments: { m, v } } };
  }
}
