// Attack (2): a dishonest coordinator leaves va's ciphertext out of the sum but keeps va's leaf (and its examples in
// the total). Sites must refuse with AGGREGATE_FORGED. Round 1 runs honestly: the chain must hold round 1, not 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator forges the aggregate', () => {
  it('attack drop-ciphertext (va\'s ciphertext dropped from the sum, its leaf kept): sites refuse with AGGREGATE_FORGED, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'drop-ciphertext', ...THREE_SITES, coordinator: { attack: 'drop-ciphertext', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('AGGREGATE_FORGED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
