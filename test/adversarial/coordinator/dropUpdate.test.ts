// Attack (4): a dishonest coordinator acknowledges va's update, then drops its leaf and its ciphertext, recomputing
// totals and root so the header checks pass. va, holding the coordinator's signed receipt, must refuse with
// UPDATE_OMITTED, and the round must not commit. With quorum 2 of 3 only va can see it: today va refuses
// (ATTESTATION_INVALID) but cleveland and hungary commit without it. Round 1 runs honestly.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator drops an acknowledged update', () => {
  it('attack drop-update (va\'s acknowledged update dropped, leaf and ciphertext): va refuses with UPDATE_OMITTED, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'drop-update', ...THREE_SITES, coordinator: { attack: 'drop-update', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('UPDATE_OMITTED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
