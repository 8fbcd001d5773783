// Attack (6b): a dishonest coordinator changes va's privacy spend in its leaf (root recomputed), so the chain would
// record an ε va never reported. The leaf no longer matches va's signed envelope: every site must refuse with
// CONTRIBUTION_SIGNATURE_INVALID. Round 1 runs honestly: the chain must hold round 1, not 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator changes the privacy spend of a leaf', () => {
  it('attack misreport-spend (va\'s leaf reports 1 more ε than va signed): sites refuse with CONTRIBUTION_SIGNATURE_INVALID, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'misreport-spend', ...THREE_SITES, coordinator: { attack: 'misreport-spend', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('CONTRIBUTION_SIGNATURE_INVALID');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
