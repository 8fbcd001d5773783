// Attack (5): a dishonest coordinator lists a leaf for switzerland, a consortium site that runs no process and sent
// nothing (its envelope signed with a key the attacker made). Every site must refuse with
// CONTRIBUTION_SIGNATURE_INVALID. Round 1 runs honestly: the chain must hold round 1, not 2.
import { describe, expect, it } from 'vitest';
import { WITH_ABSENT_SITE } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator invents a contribution', () => {
  it('attack invent-leaf (a leaf for switzerland, which sent nothing): sites refuse with CONTRIBUTION_SIGNATURE_INVALID, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'invent-leaf', ...WITH_ABSENT_SITE, coordinator: { attack: 'invent-leaf', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('CONTRIBUTION_SIGNATURE_INVALID');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
