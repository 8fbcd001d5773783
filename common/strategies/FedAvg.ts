// FedAvg (McMahan et al. 2017, "Communication-Efficient Learning of Deep Networks from Decentralized Data"):
// the example-weighted mean of the site updates, summed under encryption and applied by every key holder.
// Rounds close when every expected site is in, or at the deadline with at least minUpdates (Flower's min_fit_clients).
import { MedflError } from '../MedflError.ts';
import { averageMetrics } from './averageMetrics.ts';
import { applyMeanUpdate, type ServerOptimizer } from './ServerOptimizer.ts';
import {
  EMPTY_STRATEGY_STATE,
  type CollectDecision, type CollectProgress, type EvaluationSummary, type FailureDecision, type RoundConfig, type SiteEvaluation,
  type Strategy, type StrategyConsortium, type StrategyState,
} from './Strategy.ts';

export class FedAvg implements Strategy {
  readonly name: string = 'fedavg';

  // Composition, not subclassing, for server optimisers: FedProx + FedAdam is then just a FedProx with an optimiser.
  constructor(
    protected readonly consortium: StrategyConsortium,
    protected readonly serverOptimizer: ServerOptimizer = applyMeanUpdate,
  ) {}

  configureRound(_round: number): RoundConfig {
    return { proximalMu: 0 };
  }

  decideCollect({ updates, atDeadline }: CollectProgress): CollectDecision {
    const { sites, minUpdates } = this.consortium;
    if (updates >= sites.length) return { kind: 'close' };
    if (!atDeadline) return { kind: 'wait' };
    if (updates >= minUpdates) return { kind: 'close' };
    return { kind: 'fail', reason: `only ${updates} of the ${minUpdates} required updates arrived before the deadline` };
  }

  onRoundFailure(_round: number, attempt: number): FailureDecision {
    const { onRoundFailure, maxRetries } = this.consortium;
    return onRoundFailure === 'retry' && attempt < maxRetries ? { kind: 'retry', attempt: attempt + 1 } : { kind: 'stop' };
  }

  aggregateFit(global: Float32Array, meanUpdate: Float32Array, state: StrategyState): { weights: Float32Array; state: StrategyState } {
    if (global.length !== meanUpdate.length) {
      throw new MedflError('UPDATE_INVALID', `the aggregate holds ${meanUpdate.length} values but the model has ${global.length}`);
    }
    return this.serverOptimizer.step(global, meanUpdate, state);
  }

  /** FLamby's convention (see averageMetrics): a large hospital does not hide a small one's result. */
  aggregateEvaluate(evaluations: readonly SiteEvaluation[]): EvaluationSummary {
    return averageMetrics(evaluations);
  }

  initialState(): StrategyState {
    return EMPTY_STRATEGY_STATE;
  }
}
