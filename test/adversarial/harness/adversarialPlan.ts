// The smallest plan an adversarial run needs: the UCI heart plan over a few centres, CKKS, two rounds (round 1 is
// honest, the in-run control; round 2 is attacked), one local epoch, and deadlines short enough to end a stuck round.
import { readFileSync, writeFileSync } from 'node:fs';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import { writeUciPlan } from '../../e2e/uciPlan.ts';
import { ABSENT_SITE } from '../parties/cast.ts';

export interface PlanShape {
  readonly sites: string[];
  readonly minUpdates: number;
  readonly quorum: number;
}

/** Seconds a round may collect, and a closed round wait for a quorum: generous, as process start-up on a loaded machine can take a minute. */
export const ROUND_DEADLINE_SECONDS = 120;

/** Above every UCI centre's training rows (at most 199), far below a dishonest site's claimed count. */
export const MAX_EXAMPLES_PER_SITE = 1_000;

/**
 * The plan's cap on one site's example count, under the name the defence gives it. Kept only if this build's plan
 * schema knows the field (today it does not: plans are strict, so the plan stays as it was). Adapt the name here.
 */
function withExampleCap(plan: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const capped = { ...plan, consortium: { ...plan.consortium, maxExamplesPerSite: MAX_EXAMPLES_PER_SITE } };
  try {
    parsePlan(capped, 'the adversarial plan');
    return capped;
  } catch {
    return plan;
  }
}

export function writeAdversarialPlan(dir: string, name: string, shape: PlanShape): string {
  const file = writeUciPlan(dir, name, { ...shape, rounds: 2, encryption: 'ckks', roundDeadlineSeconds: ROUND_DEADLINE_SECONDS });
  const plan = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  plan.training = { ...plan.training, localEpochs: 1 };
  plan.consortium = { ...plan.consortium, onRoundFailure: 'stop' };
  writeFileSync(file, JSON.stringify(withExampleCap(plan), null, 2));
  return file;
}

/** Three UCI centres; every update is needed to close a round, two matching attestations commit it. */
export const THREE_SITES: PlanShape = { sites: ['cleveland', 'hungary', 'va'], minUpdates: 3, quorum: 2 };

/** Four consortium sites, three running: switzerland sends nothing; three updates close a round, two attest it. */
export const WITH_ABSENT_SITE = { ...THREE_SITES, sites: [...THREE_SITES.sites, ABSENT_SITE], running: THREE_SITES.sites };
