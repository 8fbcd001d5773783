// FedProx (Li et al. 2020, "Federated Optimization in Heterogeneous Networks", MLSys): FedAvg whose sites add
// the proximal term (mu/2)·||w - w_global||² to their local loss. Only the round configuration changes.
import { MedflError } from '../MedflError.ts';
import { FedAvg } from './FedAvg.ts';
import type { ServerOptimizer } from './ServerOptimizer.ts';
import type { RoundConfig, StrategyConsortium } from './Strategy.ts';

export class FedProx extends FedAvg {
  override readonly name: string = 'fedprox';

  constructor(
    consortium: StrategyConsortium,
    private readonly mu: number,
    serverOptimizer?: ServerOptimizer,
  ) {
    super(consortium, serverOptimizer);
    if (!(Number.isFinite(mu) && mu >= 0)) throw new MedflError('PLAN_INVALID', `FedProx mu must be a finite number ≥ 0, not ${mu}`);
  }

  override configureRound(_round: number): RoundConfig {
    return { proximalMu: this.mu };
  }
}
