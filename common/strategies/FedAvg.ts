// FedAvg (McMahan et al. 2017, "Communication-Efficient Learning of Deep Networks from Decentralized Data"):
// the example-weighted mean of the site updates, summed under encryption and applied by every key holder.
// Rounds close when every expected site is in, or at the deadline with at least minUpdates (Flower's min_fit_clients).
import { MedflError } from '../MedflError.ts';
import { applyMeanUpdate, type ServerOptimizer } from './ServerOptimizer.ts';
import {
  EMPTY_STRATEGY_STATE,
  type CollectDecision, type CollectProgress, type EvaluationSummary, type FailureDecision, type RoundConfig, type SiteEvaluation,
  type Strategy, type StrategyConsortium, type StrategyState,
} from './Strategy.ts';

const mean = (values: readonly number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

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

  /**
   * Loss weighted by each site's validation examples (the pooled loss); accuracy and AUROC as unweighted means over
   * sites (FLamby's "AvgN"), so a large hospital does not hide a small one's result. A site without a finite AUROC
   * (one class only in its validation set) is left out of that mean.
   */
  aggregateEvaluate(evaluations: readonly SiteEvaluation[]): EvaluationSummary {
    const metrics = evaluations.map((entry) => entry.metrics);
    const examples = metrics.reduce((sum, m) => sum + m.examples, 0);
    return {
      loss: examples ? metrics.reduce((sum, m) => sum + m.loss * m.examples, 0) / examples : Number.NaN,
      accuracy: mean(metrics.map((m) => m.accuracy)),
      auroc: mean(metrics.map((m) => m.auroc).filter((value) => Number.isFinite(value))),
    };
  }

  initialState(): StrategyState {
    return EMPTY_STRATEGY_STATE;
  }
}
