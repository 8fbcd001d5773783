// Picks the strategy plug-in a plan names: FedAvg or FedProx, optionally with a Reddi et al. server optimiser, or SCAFFOLD.
import { MedflError } from '../MedflError.ts';
import { FedAdagrad } from './FedAdagrad.ts';
import { FedAdam } from './FedAdam.ts';
import { FedAvg } from './FedAvg.ts';
import type { FedOptOptions } from './FedOpt.ts';
import { FedProx } from './FedProx.ts';
import { FedYogi } from './FedYogi.ts';
import { Scaffold } from './Scaffold.ts';
import type { ServerOptimizer } from './ServerOptimizer.ts';
import type { Strategy, StrategyConsortium } from './Strategy.ts';

export type ServerOptimizerSpec = string | ({ name: string } & Partial<FedOptOptions>);

/** The strategy section of a plan, as far as the round loop needs it. */
export interface StrategySpec {
  readonly name: string;
  readonly mu?: number;
  readonly serverOptimizer?: ServerOptimizerSpec | null;
  /** SCAFFOLD's server step size η_g (1 when absent). */
  readonly serverLearningRate?: number;
}

const OPTIMIZERS: Record<string, (options: Partial<FedOptOptions>) => ServerOptimizer> = {
  fedadam: (options) => new FedAdam(options),
  fedyogi: (options) => new FedYogi(options),
  fedadagrad: (options) => new FedAdagrad(options),
};

function serverOptimizer(spec: ServerOptimizerSpec | null | undefined): ServerOptimizer | undefined {
  if (spec === undefined || spec === null || spec === 'none') return undefined;
  const { name, ...options } = typeof spec === 'string' ? { name: spec } : spec;
  const key = name.toLowerCase().replace(/^(adam|yogi|adagrad)$/, 'fed$1');
  const build = OPTIMIZERS[key];
  if (!build) throw new MedflError('PLAN_INVALID', `unknown server optimiser ${name}; use fedadam, fedyogi or fedadagrad`);
  return build(options);
}

/** The plan's strategy, with the consortium section whose close and retry policy it applies. */
export function createStrategy(spec: StrategySpec, consortium: StrategyConsortium): Strategy {
  const optimizer = serverOptimizer(spec.serverOptimizer);
  if (spec.name === 'fedavg') return new FedAvg(consortium, optimizer);
  if (spec.name === 'fedprox') return new FedProx(consortium, spec.mu ?? 0.01, optimizer);
  if (spec.name === 'scaffold') {
    // SCAFFOLD's server step is its own (x ← x + η_g·mean Δy); an adaptive optimiser on top is not the published method.
    if (optimizer) throw new MedflError('PLAN_INVALID', 'SCAFFOLD takes no server optimiser; set its serverLearningRate instead');
    return new Scaffold(consortium, spec.serverLearningRate);
  }
  throw new MedflError('PLAN_INVALID', `unknown strategy ${spec.name}; use fedavg, fedprox or scaffold`);
}
