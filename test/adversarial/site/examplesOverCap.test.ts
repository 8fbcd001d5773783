// Attack (a): a dishonest site (va) claims 50 000 examples, far above the plan's per-site cap, and weights its
// ciphertext by them so its update dominates the mean. The example cap must refuse it (EXAMPLES_OVER_CAP, at the
// coordinator's intake or at every site's header check). Round 1 runs honestly; round 2 must not be committed.
import { describe, expect, it } from 'vitest';
import { THREE_SITES_SHORT_DEADLINE } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';
import { VICTIM_SITE } from '../parties/cast.ts';

useAdversarialRuns();

describe('a dishonest site inflates its example count', () => {
  it('attack inflate-examples (va claims 50 000 examples): refused with EXAMPLES_OVER_CAP, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'inflate-examples', ...THREE_SITES_SHORT_DEADLINE, site: { id: VICTIM_SITE, attack: 'inflate-examples', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('EXAMPLES_OVER_CAP');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
