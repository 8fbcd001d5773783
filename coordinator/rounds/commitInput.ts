// The commitRound input for a closed round, built one way for its first send and for a re-send from the store: the
// aggregate header's attested fields, the model the quorum agreed on, and the quorum's signatures in site order.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';
import type { CommitRoundInput } from '../ports.ts';

export function commitInput(header: AggregateHeader, modelHash: Hash32, signatures: readonly string[]): CommitRoundInput {
  return {
    runId: header.runId,
    round: header.round,
    prevModelHash: header.prevModelHash,
    modelHash,
    aggregateDigest: header.aggregateDigest,
    contributionsRoot: header.contributionsRoot,
    totalExamples: header.totalExamples,
    contributions: header.contributions,
    signatures,
  };
}
