// Attack (4): a dishonest coordinator acknowledges va's update, then drops its leaf and its ciphertext, recomputing
// totals and root so the header checks pass. va, holding the coordinator's signed receipt, must refuse with
// UPDATE_OMITTED. Only va can see the omission (the others' checks all pass), so the plan needs every site's
// attestation here; with a quorum below the site count the others commit without va (docs/threat-model.md says so).
// Round 1 runs honestly.
import { describe, expect, it } from 'vitest';
import { THREE_SITES_ALL_ATTEST } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator drops an acknowledged update', () => {
  it('attack drop-update (va\'s acknowledged update dropped, leaf and ciphertext): va refuses with UPDATE_OMITTED, so a plan needing every attestation does not commit round 2', async () => {
    const outcome = await runAttack({ name: 'drop-update', ...THREE_SITES_ALL_ATTEST, coordinator: { attack: 'drop-update', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('UPDATE_OMITTED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
