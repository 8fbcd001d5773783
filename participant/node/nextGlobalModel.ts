// Step 5's arithmetic: apply the strategy to the decrypted mean update in plain Float32, the same bytes on every site.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { withWeights, type ModelArtifact } from '../../common/model/ModelArtifact.ts';
import { modelHash } from '../../common/model/modelHash.ts';
import type { FitContext, Strategy, StrategyState } from '../../common/strategies/Strategy.ts';

export interface NextGlobalModel {
  readonly model: ModelArtifact;
  readonly modelHash: Hash32;
  readonly strategyState: StrategyState;
}

export function nextGlobalModel(global: ModelArtifact, meanUpdate: Float32Array, strategy: Strategy, strategyState: StrategyState, context?: FitContext): NextGlobalModel {
  const { weights, state } = strategy.aggregateFit(global.weights, meanUpdate, strategyState, context);
  const model = withWeights(global, weights);
  return { model, modelHash: modelHash(model), strategyState: state };
}
