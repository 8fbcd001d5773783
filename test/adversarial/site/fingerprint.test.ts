// Attack (d): a dishonest site (va) signs a random masked fingerprint into its envelope, a denial of service on the
// aggregate check. Honest sites must refuse with AGGREGATE_FORGED and attest no model; round 2 must not be
// committed. Needs the fingerprint field (see parties/fingerprintHooks.ts): without it the attack is not mounted.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';
import { VICTIM_SITE } from '../parties/cast.ts';

useAdversarialRuns();

describe('a dishonest site sends a wrong masked fingerprint', () => {
  it('attack scramble-fingerprint (va signs a random fingerprint): sites refuse with AGGREGATE_FORGED, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'scramble-fingerprint', ...THREE_SITES, site: { id: VICTIM_SITE, attack: 'scramble-fingerprint', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('AGGREGATE_FORGED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
