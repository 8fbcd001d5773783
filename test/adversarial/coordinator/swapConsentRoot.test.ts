// Attack (6c): a dishonest coordinator replaces va's consent root in its leaf (root recomputed), so the chain would
// vouch for patients va never trained on, or hide one it did. The leaf no longer matches va's signed envelope: every
// site must refuse with CONTRIBUTION_SIGNATURE_INVALID. Round 1 runs honestly: the chain must hold round 1, not 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator changes the consent root of a leaf', () => {
  it('attack swap-consent-root (va\'s leaf carries a root va never signed): sites refuse with CONTRIBUTION_SIGNATURE_INVALID, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'swap-consent-root', ...THREE_SITES, coordinator: { attack: 'swap-consent-root', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('CONTRIBUTION_SIGNATURE_INVALID');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
