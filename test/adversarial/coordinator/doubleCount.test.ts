// Attack (3): a dishonest coordinator folds va's ciphertext twice (past the honest sum's maxSites guard) and lists
// va's leaf once. Sites must refuse with AGGREGATE_FORGED. Round 1 runs honestly: the chain must hold round 1, not 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator forges the aggregate', () => {
  it('attack double-count (va\'s ciphertext counted twice, its leaf listed once): sites refuse with AGGREGATE_FORGED, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'double-count', ...THREE_SITES, coordinator: { attack: 'double-count', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('AGGREGATE_FORGED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
