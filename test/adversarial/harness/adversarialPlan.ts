// The smallest plan an adversarial run needs: the UCI heart plan over a few centres, CKKS, two rounds (round 1 is
// honest, the in-run control; round 2 is attacked), one local epoch, and deadlines short enough to end a stuck round.
import { readFileSync, writeFileSync } from 'node:fs';
import { writeUciPlan } from '../../e2e/uciPlan.ts';
import { ABSENT_SITE } from '../parties/cast.ts';

export interface PlanShape {
  readonly sites: string[];
  readonly minUpdates: number;
  readonly quorum: number;
  /** Overrides ROUND_DEADLINE_SECONDS for an attack whose round can only end at its deadline. */
  readonly roundDeadlineSeconds?: number;
  /** Default ckks-shared-key: the codec issue 14's attacks were written against (see README). */
  readonly encryption?: 'ckks' | 'ckks-shared-key';
  readonly decryptionThreshold?: number;
  /** An MLP's hidden layer sizes instead of the plan's logistic model (a test that needs many weights). */
  readonly hidden?: number[];
  /** Default stop: an attacked round must not be retried into success. */
  readonly onRoundFailure?: 'retry' | 'stop';
  readonly maxRetries?: number;
}

/**
 * Seconds a round may collect, and a closed round wait for a quorum: room for process start-up and one epoch on a busy
 * machine, and the time an attack that leaves a round short of updates or attestations takes to end.
 */
export const ROUND_DEADLINE_SECONDS = 60;

/** Above every UCI centre's training rows (at most 199), far below a dishonest site's claimed count. */
/**
 * For an attack that leaves the round short of updates or attestations, which then ends only at its deadline: still
 * more than twice what a whole two-round run took (start-up included) on a busy 2-core machine.
 */
export const SHORT_ROUND_DEADLINE_SECONDS = 30;

export const MAX_EXAMPLES_PER_SITE = 1_000;

export function writeAdversarialPlan(dir: string, name: string, shape: PlanShape): string {
  const encryption = shape.encryption ?? 'ckks-shared-key';
  const file = writeUciPlan(dir, name, { ...shape, rounds: 2, encryption, roundDeadlineSeconds: shape.roundDeadlineSeconds ?? ROUND_DEADLINE_SECONDS });
  const plan = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  plan.training = { ...plan.training, localEpochs: 1 };
  const threshold = shape.decryptionThreshold === undefined ? {} : { decryptionThreshold: shape.decryptionThreshold };
  const failure = { onRoundFailure: shape.onRoundFailure ?? 'stop', maxRetries: shape.maxRetries ?? 0 };
  plan.consortium = { ...plan.consortium, ...failure, ...threshold, maxExamplesPerSite: MAX_EXAMPLES_PER_SITE };
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}

/** Three UCI centres; every update is needed to close a round, two matching attestations commit it. */
export const THREE_SITES: PlanShape = { sites: ['cleveland', 'hungary', 'va'], minUpdates: 3, quorum: 2 };

/** The same three, with every site's attestation needed to commit. */
export const THREE_SITES_ALL_ATTEST: PlanShape = { ...THREE_SITES, quorum: 3, roundDeadlineSeconds: SHORT_ROUND_DEADLINE_SECONDS };

/** Three UCI centres, every update needed, and a round that ends at a short deadline when one is missing. */
export const THREE_SITES_SHORT_DEADLINE: PlanShape = { ...THREE_SITES, roundDeadlineSeconds: SHORT_ROUND_DEADLINE_SECONDS };

/** Four consortium sites, three running: switzerland sends nothing; three updates close a round, two attest it. */
export const WITH_ABSENT_SITE = { ...THREE_SITES, sites: [...THREE_SITES.sites, ABSENT_SITE], running: THREE_SITES.sites };
