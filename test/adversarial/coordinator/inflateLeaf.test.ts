// Attack (6): a dishonest coordinator multiplies va's leaf example count by ten (total and root recomputed), so the
// mean is divided by a wrong total. The leaf no longer matches va's signed envelope: every site must refuse with
// CONTRIBUTION_SIGNATURE_INVALID. Round 1 runs honestly: the chain must hold round 1, not 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator changes the example count of a leaf', () => {
  it('attack inflate-leaf (va\'s leaf claims ten times its examples): sites refuse with CONTRIBUTION_SIGNATURE_INVALID, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'inflate-leaf', ...THREE_SITES, coordinator: { attack: 'inflate-leaf', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('CONTRIBUTION_SIGNATURE_INVALID');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
