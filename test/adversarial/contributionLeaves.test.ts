// Attacks (4)-(6): a dishonest coordinator tampers with the contribution leaves, recomputing totals and the Merkle
// root so today's header checks pass: (4) drops va's acknowledged update, leaf and ciphertext (va must refuse with
// UPDATE_OMITTED, holding the coordinator's signed receipt); (5) invents a leaf for switzerland, which sent nothing,
// and (6) inflates va's example count tenfold: leaves without their site's valid envelope signature, refused by
// every site with CONTRIBUTION_SIGNATURE_INVALID. Round 1 runs honestly; the chain must hold round 1, not round 2.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from './harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from './harness/runAttack.ts';
import { ABSENT_SITE } from './parties/cast.ts';

useAdversarialRuns();

/** Four consortium sites, three running: switzerland sends nothing; three updates close a round, two attest it. */
const WITH_ABSENT_SITE = { ...THREE_SITES, sites: [...THREE_SITES.sites, ABSENT_SITE], running: THREE_SITES.sites };

describe('a dishonest coordinator tampers with the contribution leaves', () => {
  it('attack drop-update (va\'s acknowledged update dropped, leaf and ciphertext): va refuses with UPDATE_OMITTED, round 2 not committed', async () => {
    const outcome = await runAttack({ name: 'drop-update', ...THREE_SITES, coordinator: { attack: 'drop-update', round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('UPDATE_OMITTED');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);

  it.each([
    ['invent-leaf', 'a leaf for switzerland, which sent nothing', WITH_ABSENT_SITE],
    ['inflate-leaf', 'va\'s leaf claims ten times its examples', THREE_SITES],
  ])('attack %s (%s): sites refuse with CONTRIBUTION_SIGNATURE_INVALID, round 2 not committed', async (attack, _what, shape) => {
    const outcome = await runAttack({ name: attack, ...shape, coordinator: { attack, round: 2 } }, 2);
    expect(outcome.codes, outcome.summary).toContain('CONTRIBUTION_SIGNATURE_INVALID');
    expect(outcome.latestRound, outcome.summary).toBe(1);
  }, ATTACK_TEST_TIMEOUT_MS);
});
