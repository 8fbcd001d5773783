import { describe, expect, it } from 'vitest';
import { ROUND_TRANSITIONS, RUN_TRANSITIONS } from '../../../coordinator/rounds/lifecycles.ts';
import { StateMachine } from '../../../coordinator/rounds/StateMachine.ts';

describe('StateMachine with the round life cycle', () => {
  it('walks OPEN -> COLLECTING -> CLOSED -> ATTESTING -> COMMITTED', () => {
    const machine = new StateMachine('round 1', ROUND_TRANSITIONS, 'OPEN');
    for (const next of ['COLLECTING', 'CLOSED', 'ATTESTING', 'COMMITTED'] as const) machine.transition(next);
    expect(machine.state).toBe('COMMITTED');
  });

  it('refuses illegal moves with STATE_TRANSITION_ILLEGAL and stays where it was', () => {
    const machine = new StateMachine('round 2', ROUND_TRANSITIONS, 'COLLECTING');
    expect(() => machine.transition('COMMITTED')).toThrow('round 2: illegal transition COLLECTING -> COMMITTED');
    expect(machine.state).toBe('COLLECTING');
    machine.transition('FAILED');
    expect(() => machine.transition('COLLECTING')).toThrow(expect.objectContaining({ code: 'STATE_TRANSITION_ILLEGAL' }));
  });

  it('lets a run complete or stop, never restart', () => {
    const run = new StateMachine('run', RUN_TRANSITIONS, 'CREATED');
    run.transition('RUNNING');
    run.transition('COMPLETED');
    expect(() => run.transition('RUNNING')).toThrow('run: illegal transition COMPLETED -> RUNNING');
  });
});
