// Attacks (1)-(3): a dishonest coordinator serves an aggregate that is not the fold of the updates its header lists,
// every leaf and total intact: (1) a trivial ciphertext of its own mean, made with no key; (2) one site's ciphertext
// left out; (3) one site's ciphertext counted twice. Sites must refuse with AGGREGATE_FORGED (the masked-fingerprint
// linear check); round 1 runs honestly in the same run, so the chain must hold round 1 and not round 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from './harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from './harness/runAttack.ts';

useAdversarialRuns();

describe('a dishonest coordinator forges the aggregate', () => {
  it.each([
    ['trivial-ciphertext', 'a trivial ciphertext (c1 = 0) decrypting to the coordinator\'s chosen mean'],
    ['drop-ciphertext', 'va\'s ciphertext dropped from the sum, its leaf kept'],
    ['double-count', 'va\'s ciphertext counted twice, its leaf listed once'],
  ])('attack %s (%s): sites refuse with AGGREGATE_FORGED, round 2 not committed', async (attack) => {
    const outcome = await runAttack({ name: attack, ...THREE_SITES, coordinator: { attack, round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('AGGREGATE_FORGED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
