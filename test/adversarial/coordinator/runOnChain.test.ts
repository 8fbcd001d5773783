// Attack (7): a dishonest coordinator creates the run on chain with other facts than the approved plan (a quorum of 1,
// or a shorter site list). Honest sites check the run before their first update and refuse with RUN_MISMATCH.
// The attack strikes before round 1, so its control is a run of its own: control.test.ts.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator and the run on chain', () => {
  it.each(['run-quorum', 'run-sites'])('attack %s (run created with another quorum / site list): sites refuse with RUN_MISMATCH, nothing committed', async (attack) => {
    const outcome = await runAttack({ name: attack, ...THREE_SITES, coordinator: { attack, round: 1 } }, 1);
    expect(outcome.codes, outcome.summary).toContain('RUN_MISMATCH');
    expect(outcome.latestRound, outcome.summary).toBe(0);
  }, ATTACK_TEST_TIMEOUT_MS);
});
