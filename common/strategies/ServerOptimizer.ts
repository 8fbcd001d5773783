// A server-side optimiser step applied to the decrypted mean update (Reddi et al. 2021, "Adaptive Federated
// Optimization", ICLR): the mean update acts as a pseudo-gradient. Plain SGD with rate 1 is FedAvg itself.
import type { StrategyState } from './Strategy.ts';

export interface ServerOptimizer {
  readonly name: string;
  step(global: Float32Array, meanUpdate: Float32Array, state: StrategyState): { weights: Float32Array; state: StrategyState };
}

/** x + Δ in Float32, index order: FedAvg's model update (McMahan et al. 2017). */
export const applyMeanUpdate: ServerOptimizer = {
  name: 'none',
  step(global, meanUpdate, state) {
    const weights = new Float32Array(global.length);
    for (let i = 0; i < global.length; i += 1) weights[i] = Math.fround((global[i] ?? 0) + (meanUpdate[i] ?? 0));
    return { weights, state: { step: state.step + 1, moments: state.moments } };
  },
};
