// Attack (c): a dishonest site (va) replays its round-1 ciphertexts as its round-2 update, under a fresh signed
// envelope. The replay is made at the codec (parties/siteAttacks.ts), so a masked fingerprint computed from the update
// outside the codec describes this round's update, not the replayed ciphertexts: sites refuse with AGGREGATE_FORGED.
// Round 2 must not be committed.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';
import { VICTIM_SITE } from '../parties/cast.ts';

useAdversarialRuns();

describe('a dishonest site replays an old update', () => {
  it('attack replay (va sends round 1\'s ciphertexts in round 2): sites refuse with AGGREGATE_FORGED, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'replay', ...THREE_SITES, site: { id: VICTIM_SITE, attack: 'replay', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('AGGREGATE_FORGED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
