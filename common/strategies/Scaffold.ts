// SCAFFOLD (Karimireddy et al. 2020, "SCAFFOLD: Stochastic Controlled Averaging for Federated Learning", ICML),
// Algorithm 1 with option II control variates. Each site's update is concat(Δy, Δc); every key holder applies
//   x ← x + η_g·mean(Δy),   c ← c + (|S|/N)·mean(Δc)
// to the example-weighted means the codec yields, in Float32 and index order. The global control variate c is the
// strategy state's `c` moment, so it is persisted and replayed like FedOpt's moments.
import { MedflError } from '../MedflError.ts';
import { FedAvg } from './FedAvg.ts';
import type { FitContext, StrategyConsortium, StrategyState } from './Strategy.ts';

const f = Math.fround;

/** The global control variate c of `state` (zero before the first round), checked against the model's size. */
export function globalControl(state: StrategyState, parameters: number): Float32Array {
  const c = state.moments.c ?? new Float32Array(parameters);
  if (c.length !== parameters) throw new MedflError('UPDATE_INVALID', `the SCAFFOLD state holds ${c.length} control values but the model has ${parameters}`);
  return c;
}

export class Scaffold extends FedAvg {
  override readonly name: string = 'scaffold';

  constructor(
    consortium: StrategyConsortium,
    private readonly serverLearningRate = 1,
  ) {
    super(consortium);
    if (!(Number.isFinite(serverLearningRate) && serverLearningRate > 0)) {
      throw new MedflError('PLAN_INVALID', `SCAFFOLD's server learning rate must be a finite number > 0, not ${serverLearningRate}`);
    }
  }

  override aggregateFit(global: Float32Array, meanUpdate: Float32Array, state: StrategyState, context?: FitContext): { weights: Float32Array; state: StrategyState } {
    const parameters = global.length;
    if (meanUpdate.length !== 2 * parameters) {
      throw new MedflError('UPDATE_INVALID', `a SCAFFOLD aggregate holds 2 × ${parameters} values (model update, control update), not ${meanUpdate.length}`);
    }
    const sites = this.consortium.sites.length;
    const contributors = context?.contributors;
    if (contributors === undefined || !Number.isInteger(contributors) || contributors < 1 || contributors > sites) {
      throw new MedflError('UPDATE_INVALID', `SCAFFOLD needs the number of contributing sites (1..${sites}) to update its control variate, got ${contributors}`);
    }
    const c = globalControl(state, parameters);
    const share = f(contributors / sites);
    const weights = new Float32Array(parameters);
    const control = new Float32Array(parameters);
    for (let i = 0; i < parameters; i += 1) {
      weights[i] = f((global[i] ?? 0) + f(this.serverLearningRate * (meanUpdate[i] ?? 0)));
      control[i] = f((c[i] ?? 0) + f(share * (meanUpdate[parameters + i] ?? 0)));
    }
    return { weights, state: { step: state.step + 1, moments: { c: control } } };
  }
}
