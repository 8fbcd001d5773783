// One attempt at one round, in memory: its state machine, the running encrypted sum, accepted updates, attestations.
import type { Logger } from '../../common/log.ts';
import type {
  AggregateHeader, CommittedRound, RoundState, RoundTask, SiteAttestation, UpdateEnvelope,
} from '../../common/wire/protocolTypes.ts';
import type { EncryptedSum } from '../ports.ts';
import type { StoredRound } from '../store/storedTypes.ts';
import { ROUND_TRANSITIONS } from './lifecycles.ts';
import { StateMachine } from './StateMachine.ts';

export class RoundAttempt {
  readonly machine: StateMachine<RoundState>;
  readonly accepted = new Map<string, UpdateEnvelope>();
  readonly inflight = new Set<string>();
  readonly attestations = new Map<string, SiteAttestation>();
  aggregate?: AggregateHeader;
  commit?: CommittedRound;
  failure?: string;
  sum?: EncryptedSum;
  timer?: NodeJS.Timeout;

  constructor(
    readonly task: RoundTask,
    state: RoundState,
    log: Logger,
  ) {
    this.machine = new StateMachine(`round ${task.round} attempt ${task.attempt}`, ROUND_TRANSITIONS, state, log);
  }

  get state(): RoundState {
    return this.machine.state;
  }

  /** Sites that may not start another upload: accepted or still streaming. */
  taken(): Set<string> {
    return new Set([...this.accepted.keys(), ...this.inflight]);
  }

  totalExamples(): number {
    return [...this.accepted.values()].reduce((sum, envelope) => sum + envelope.examples, 0);
  }

  record(): StoredRound {
    return {
      round: this.task.round,
      attempt: this.task.attempt,
      state: this.state,
      task: this.task,
      ...(this.aggregate ? { aggregate: this.aggregate } : {}),
      ...(this.commit ? { commit: this.commit } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }

  clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.sum?.dispose();
    this.sum = undefined;
  }
}
