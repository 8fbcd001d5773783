// Step 1, what a round announces: its parent model, deadline, codec, the strategy's configuration for the sites and,
// under threshold CKKS, the key holders.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import type { Strategy } from '../../common/strategies/Strategy.ts';
import type { RoundTask } from '../../common/wire/protocolTypes.ts';
import type { Aggregation } from '../ports.ts';
import type { RoundStore } from '../store/RoundStore.ts';

export type RunPlan = Pick<Plan, 'rounds' | 'consortium' | 'privacy'>;

export interface TaskContext {
  readonly plan: RunPlan;
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly aggregation: Pick<Aggregation, 'codecId' | 'chunkCount' | 'decryption'>;
  readonly strategy: Pick<Strategy, 'configureRound'>;
  readonly store: Pick<RoundStore, 'committedRound' | 'keyShareSenders'>;
}

/** The model round `round` starts from: the genesis model, or the model the store recorded as committed before it. */
function prevModelHash(context: TaskContext, round: number): Hash32 {
  if (round === 1) return context.genesisModelHash;
  const previous = context.store.committedRound(round - 1)?.commit;
  if (!previous) throw new MedflError('STORE_FAILED', `round ${round - 1} is not committed in the store; cannot open round ${round}`);
  return previous.modelHash;
}

/** The RoundTask of attempt `attempt` at round `round` of run `runId`, its deadline counted from `nowMs`. */
export function roundTask(context: TaskContext, runId: string, round: number, attempt: number, nowMs: number): RoundTask {
  const { consortium } = context.plan;
  return {
    runId,
    round,
    attempt,
    planHash: context.planHash,
    prevModelHash: prevModelHash(context, round),
    deadlineUnixMs: nowMs + consortium.roundDeadlineSeconds * 1000,
    minUpdates: consortium.minUpdates,
    codecId: context.aggregation.codecId,
    chunkCount: context.aggregation.chunkCount,
    expectedSites: [...consortium.sites],
    proximalMu: context.strategy.configureRound(round).proximalMu,
    // Fixed when the attempt opens: the sites derive the attempt's sites-only keys from these holders' contributions.
    keyHolders: context.aggregation.decryption ? context.store.keyShareSenders(runId, consortium.sites) : [],
  };
}
