// The run as sites and operators see it (WatchRun, GetRunStatus): a snapshot of the engine's state, never a handle on it.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { CommittedRound, RunState, RunStatus } from '../../common/wire/protocolTypes.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

export interface RunSnapshot {
  readonly runId: string;
  readonly planHash: Hash32;
  readonly runState: RunState;
  readonly totalRounds: number;
  readonly attempt: RoundAttempt | undefined;
  readonly lastCommit: CommittedRound | undefined;
  /** Why the run stopped, if it did; otherwise the current attempt's failure, if any. */
  readonly failure: string;
}

export function runStatus({ runId, planHash, runState, totalRounds, attempt, lastCommit, failure }: RunSnapshot): RunStatus {
  return {
    runId,
    planHash,
    runState,
    round: attempt?.task.round ?? 0,
    roundState: attempt?.state ?? 'OPEN',
    ...(attempt ? { task: attempt.task } : {}),
    updatesIn: [...(attempt?.accepted.keys() ?? [])].sort(),
    attestationsIn: [...(attempt?.attestations.keys() ?? [])].sort(),
    ...(lastCommit ? { lastCommit } : {}),
    totalRounds,
    failure: failure || attempt?.failure || '',
  };
}
