// A named-state life cycle with ONE transition function: it refuses moves the table does not allow and logs `A -> B`.
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';

export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export class StateMachine<S extends string> {
  private current: S;

  constructor(
    private readonly what: string,
    private readonly table: TransitionTable<S>,
    initial: S,
    private readonly log?: Logger,
  ) {
    this.current = initial;
  }

  get state(): S {
    return this.current;
  }

  /** Moves to `next`, or throws STATE_TRANSITION_ILLEGAL naming both states. */
  transition(next: S): void {
    if (!this.table[this.current].includes(next)) {
      throw new MedflError('STATE_TRANSITION_ILLEGAL', `${this.what}: illegal transition ${this.current} -> ${next}`, {
        details: { from: this.current, to: next },
      });
    }
    this.log?.info({ from: this.current, to: next }, `${this.what}: ${this.current} -> ${next}`);
    this.current = next;
  }
}
