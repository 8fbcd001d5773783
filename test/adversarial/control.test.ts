// The harness's control: both dishonest scripts (coordinator and site) run with no attack, against honest sites and
// anvil, and both rounds commit. Every attack test also has its in-run control (round 1, honest, must commit); the
// run-on-chain attacks, which strike before round 1, rely on this one.
import { describe, expect, it } from 'vitest';
import { THREE_SITES } from './harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, runAttack, useAdversarialRuns } from './harness/runAttack.ts';
import { VICTIM_SITE } from './parties/cast.ts';

useAdversarialRuns();

describe('the adversarial harness', () => {
  it('control: the dishonest coordinator and site scripts with no attack commit both rounds', async () => {
    const none = { attack: 'none', round: 2 };
    const outcome = await runAttack({ name: 'control', ...THREE_SITES, coordinator: none, site: { ...none, id: VICTIM_SITE } }, 2);
    expect(outcome.latestRound, outcome.summary).toBe(2);
  }, ATTACK_TEST_TIMEOUT_MS);
});
