// Attack (b): a dishonest site (va) encrypts its update with every coordinate ×1e6, held at the codec's per-coordinate
// ceiling (4·clipNorm), so its L2 norm is ~15× the clip bound and the decrypted mean leaves the plan's bounds. Sites
// must refuse the mean with AGGREGATE_OUT_OF_BOUNDS. Round 1 runs honestly; round 2 must not be committed.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';
import { VICTIM_SITE } from '../parties/cast.ts';

useAdversarialRuns();

describe('a dishonest site sends an update far outside the clip bound', () => {
  it('attack scale-values (va\'s update ×1e6, clamped at the codec\'s ceiling): sites refuse with AGGREGATE_OUT_OF_BOUNDS, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'scale-values', ...THREE_SITES, site: { id: VICTIM_SITE, attack: 'scale-values', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('AGGREGATE_OUT_OF_BOUNDS');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
