// The run and round life cycles of DESIGN.md as transition tables; StateMachine enforces them.
import type { RoundState, RunState } from '../../common/wire/protocolTypes.ts';
import type { TransitionTable } from './StateMachine.ts';

/**
 * A round attempt: announced, collecting updates, aggregate final, (threshold CKKS: sets closed on chain, collecting
 * the decryptors' shares,) awaiting attestations, then on chain or failed.
 */
export const ROUND_TRANSITIONS: TransitionTable<RoundState> = {
  OPEN: ['COLLECTING'],
  COLLECTING: ['CLOSED', 'FAILED'],
  CLOSED: ['DECRYPTING', 'ATTESTING', 'FAILED'],
  DECRYPTING: ['ATTESTING', 'FAILED'],
  ATTESTING: ['COMMITTED', 'FAILED'],
  COMMITTED: [],
  FAILED: [],
};

export const RUN_TRANSITIONS: TransitionTable<RunState> = {
  CREATED: ['RUNNING', 'STOPPED'],
  RUNNING: ['COMPLETED', 'STOPPED'],
  COMPLETED: [],
  STOPPED: [],
};
