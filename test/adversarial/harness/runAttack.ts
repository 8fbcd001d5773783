// What every adversarial test file does: clean up after each test, start a run with its dishonest party, and judge
// the attacked round.
import { afterAll, afterEach } from 'vitest';
import { removeAdversarialWork, startAdversarialRun, stopAdversarialRuns, type AdversarialRunOptions } from './adversarialRun.ts';
import { attackOutcome, type AttackOutcome } from './attackOutcome.ts';

/** A test ends by itself through its bounded waits (start-up, attackOutcome); this only bounds one that hangs. */
export const ATTACK_TEST_TIMEOUT_MS = 360_000;

/** Registers the hooks that stop every process and chain after each test and remove the work folder at the end. */
export function useAdversarialRuns(): void {
  afterEach(stopAdversarialRuns);
  afterAll(removeAdversarialWork);
}

/** Starts the run and waits for the outcome of `round` (the dishonest party's attack round). */
export async function runAttack(options: AdversarialRunOptions, round: number): Promise<AttackOutcome> {
  return attackOutcome(await startAdversarialRun(options), round);
}
