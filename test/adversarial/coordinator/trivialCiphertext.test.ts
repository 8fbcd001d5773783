// Attack (1): a dishonest coordinator serves a trivial ciphertext (c1 = 0, c0 = its chosen mean packed and
// NTT-transformed with no key) in place of the sum; every leaf and total stays intact. Sites must refuse with
// AGGREGATE_FORGED (the masked-fingerprint linear check). Round 1 runs honestly: the chain must hold round 1, not 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from '../harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator forges the aggregate', () => {
  it('attack trivial-ciphertext (c1 = 0, c0 = the coordinator\'s chosen mean): sites refuse with AGGREGATE_FORGED, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'trivial-ciphertext', ...THREE_SITES, coordinator: { attack: 'trivial-ciphertext', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('AGGREGATE_FORGED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
