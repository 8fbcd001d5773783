// One committed round replayed from the coordinator's store: the stored aggregate and shares checked against what
// the sites signed and the chain committed, the aggregate opened as a site opens it, the plan's strategy step taken
// from the previous model, and the resulting model hash compared with the chain's.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { CkksContext } from '../../common/he/ckksContext.ts';
import type { CkksParameters } from '../../common/he/ckksParameters.ts';
import { checkMeanBounds, type MeanBounds } from '../../common/he/meanBounds.ts';
import { openThresholdAggregate } from '../../common/he/threshold/openThresholdAggregate.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { Strategy, StrategyState } from '../../common/strategies/Strategy.ts';
import type { RoundRecord } from '../../contracts/readRound.ts';
import { nextGlobalModel, type NextGlobalModel } from '../../participant/node/nextGlobalModel.ts';
import { attemptSession } from '../../participant/threshold/attemptSession.ts';
import { aggregateMaskKey } from '../../participant/threshold/groupSecrets.ts';
import { checkStoredAggregate } from './checkStoredAggregate.ts';
import { checkStoredShares } from './checkStoredShares.ts';
import type { RoundReplay } from './RunReplay.ts';
import type { StoredAttempt } from './storedAttempt.ts';

export interface ReplayContext {
  readonly params: CkksParameters;
  readonly ckks: CkksContext;
  readonly consortium: Consortium;
  readonly strategy: Strategy;
  readonly meanBounds: MeanBounds;
  /** G for an attempt's key holders; throws (ending the replay) when the kit cannot rebuild it. */
  groupSecret(keyHolders: readonly string[]): Uint8Array;
}

/** The model the next round builds on: the genesis model, then each replayed round's. */
export interface ReplayedModel {
  readonly model: ModelArtifact;
  readonly modelHash: Hash32;
  readonly strategyState: StrategyState;
}

export interface RoundOutcome {
  readonly replay: RoundReplay;
  /** Set only when the round replayed to the chain's hash: a later round may build on it. */
  readonly next?: ReplayedModel;
}

/** Checks, opens and steps one stored attempt; throws the first problem found. */
async function deriveRound(context: ReplayContext, stored: StoredAttempt, chain: RoundRecord, previous: ReplayedModel, groupSecret: Uint8Array): Promise<NextGlobalModel> {
  const { header, task } = stored;
  if (header.codecId !== context.params.codecId) {
    throw new MedflError('CODEC_ID_MISMATCH', `the stored header of round ${chain.round} names codec ${header.codecId}; the plan's codec is ${context.params.codecId}`);
  }
  if (header.prevModelHash !== previous.modelHash) {
    throw new MedflError('LINEAGE_BROKEN', `the stored round ${chain.round} builds on model ${header.prevModelHash}, not on the replayed ${previous.modelHash} of the round before`);
  }
  await checkStoredAggregate(stored, chain, context.consortium, context.params);
  await checkStoredShares(stored, context.consortium, context.params);
  const session = attemptSession(header, context.consortium, task.keyHolders);
  const maskKey = aggregateMaskKey(groupSecret, header.codecId, session.attempt);
  const { aggregateChunks, shareSumChunks } = stored;
  const mean = openThresholdAggregate(context.ckks, { session, aggregateChunks, shareSumChunks, maskKey, totalExamples: header.totalExamples });
  checkMeanBounds(mean, context.meanBounds);
  return nextGlobalModel(previous.model, mean, context.strategy, previous.strategyState, { contributors: header.contributions.length });
}

export async function replayRound(context: ReplayContext, stored: StoredAttempt | undefined, chain: RoundRecord, previous: ReplayedModel): Promise<RoundOutcome> {
  const base = { round: chain.round, chainModelHash: chain.modelHash, replayedModelHash: null };
  if (!stored) {
    const problem = new MedflError('ROUND_MISMATCH', `the store holds no committed attempt of round ${chain.round}, which the chain committed`);
    return { replay: { ...base, attempt: null, status: 'failed', contributors: [], decryptors: [], problem: problem.toJSON() } };
  }
  const sets = { attempt: stored.header.attempt, contributors: stored.header.contributions.map((leaf) => leaf.site), decryptors: stored.header.decryptors };
  const groupSecret = context.groupSecret(stored.task.keyHolders);
  let next: NextGlobalModel;
  try {
    next = await deriveRound(context, stored, chain, previous, groupSecret);
  } catch (thrown) {
    if (!(thrown instanceof MedflError) || thrown.code === 'INTERNAL') throw thrown;
    return { replay: { ...base, ...sets, status: 'failed', problem: thrown.toJSON() } };
  }
  if (next.modelHash !== chain.modelHash) {
    const problem = new MedflError('MODEL_HASH_MISMATCH', `the model hash differs: round ${chain.round} replays to ${next.modelHash}, the chain holds ${chain.modelHash}`);
    return { replay: { ...base, ...sets, status: 'failed', replayedModelHash: next.modelHash, problem: problem.toJSON() } };
  }
  return { replay: { ...base, ...sets, status: 'ok', replayedModelHash: next.modelHash }, next };
}
