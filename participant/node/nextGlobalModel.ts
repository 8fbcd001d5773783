// Step 5's arithmetic: decrypt the aggregate and apply the strategy in plain Float32, the same bytes on every site.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { withWeights, type ModelArtifact } from '../../common/model/ModelArtifact.ts';
import { modelHash } from '../../common/model/modelHash.ts';
import type { Strategy, StrategyState } from '../../common/strategies/Strategy.ts';
import type { AggregateHeader, CiphertextChunk } from '../../common/wire/protocolTypes.ts';
import type { SiteCodec } from './adapters.ts';

export interface NextGlobalModel {
  readonly model: ModelArtifact;
  readonly modelHash: Hash32;
  readonly strategyState: StrategyState;
}

export function nextGlobalModel(
  global: ModelArtifact,
  aggregate: { header: AggregateHeader; chunks: readonly CiphertextChunk[] },
  codec: SiteCodec,
  strategy: Strategy,
  strategyState: StrategyState,
): NextGlobalModel {
  const meanUpdate = codec.decryptAggregate(aggregate.chunks.map((chunk) => chunk.data), aggregate.header.totalExamples);
  const { weights, state } = strategy.aggregateFit(global.weights, meanUpdate, strategyState);
  const model = withWeights(global, weights);
  return { model, modelHash: modelHash(model), strategyState: state };
}
