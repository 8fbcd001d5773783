// FedAvg (McMahan et al. 2017, "Communication-Efficient Learning of Deep Networks from Decentralized Data"):
// the example-weighted mean of the site updates, summed under encryption and applied by every key holder.
import { MedflError } from '../MedflError.ts';
import { applyMeanUpdate, type ServerOptimizer } from './ServerOptimizer.ts';
import { EMPTY_STRATEGY_STATE, type RoundConfig, type Strategy, type StrategyState } from './Strategy.ts';

/** `sum / totalExamples` in Float32, index order: the decrypted weighted sum becomes the mean update. */
export function weightedMean(weightedSum: Float32Array, totalExamples: number): Float32Array {
  if (!(totalExamples > 0)) throw new MedflError('UPDATE_INVALID', `cannot average over ${totalExamples} examples`);
  const total = Math.fround(totalExamples);
  const mean = new Float32Array(weightedSum.length);
  for (let i = 0; i < weightedSum.length; i += 1) mean[i] = Math.fround((weightedSum[i] ?? 0) / total);
  return mean;
}

export class FedAvg implements Strategy {
  readonly name: string = 'fedavg';

  // Composition, not subclassing, for server optimisers: FedProx + FedAdam is then just a FedProx with an optimiser.
  constructor(protected readonly serverOptimizer: ServerOptimizer = applyMeanUpdate) {}

  configureRound(_round: number): RoundConfig {
    return { proximalMu: 0 };
  }

  aggregateFit(global: Float32Array, meanUpdate: Float32Array, state: StrategyState): { weights: Float32Array; state: StrategyState } {
    if (global.length !== meanUpdate.length) {
      throw new MedflError('UPDATE_INVALID', `the aggregate holds ${meanUpdate.length} values but the model has ${global.length}`);
    }
    return this.serverOptimizer.step(global, meanUpdate, state);
  }

  initialState(): StrategyState {
    return EMPTY_STRATEGY_STATE;
  }
}
