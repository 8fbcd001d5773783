// A site's durable record of every DP-SGD training it ran, in its out folder, and the check that keeps its cumulative ε
// within the operator's budget. A training is recorded before it starts and counts even if its round then fails: the
// update may already have left the site.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { composedEpsilon, type DpSgdSteps } from '../../common/privacy/dpSgdEpsilon.ts';
import type { PrivacyBudget } from '../../common/privacy/privacyBudget.ts';
import { siteDpSgd } from '../../common/privacy/siteDpSgd.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import { writeDurably } from '../writeDurably.ts';
import type { PrivacySpend } from './PrivacySpend.ts';

const entrySchema = z
  .object({
    runId: z.string(),
    round: z.number().int().positive(),
    attempt: z.number().int().nonnegative(),
    samplingRate: z.number().gt(0).max(1),
    noiseMultiplier: z.number().positive(),
    steps: z.number().int().nonnegative(),
    recordedAt: z.string(),
  })
  .strict();
const ledgerSchema = z.object({ trainings: z.array(entrySchema) }).strict();

export type PrivacyLedgerEntry = z.infer<typeof entrySchema>;

export interface PrivacyLedgerOptions {
  /** The ledger file, in the node's out folder. */
  readonly file: string;
  readonly plan: Pick<Plan, 'privacy' | 'training' | 'rounds'>;
  readonly budget: PrivacyBudget;
}

/** ε spent in millionths, rounded up so the recorded spend never understates the real one. */
const MICRO = 1e6;

/**
 * Trainings with the same sampling rate and noise are merged into one segment first: the last round of a calibrated
 * plan then composes exactly as calibrateNoiseMultiplier did (one product, no float sum over rounds), so a site whose
 * budget is the plan's target is not refused its last round by rounding.
 */
function segments(trainings: readonly PrivacyLedgerEntry[]): DpSgdSteps[] {
  const merged = new Map<string, DpSgdSteps>();
  for (const { samplingRate, noiseMultiplier, steps } of trainings) {
    const key = `${samplingRate}/${noiseMultiplier}`;
    const before = merged.get(key)?.steps ?? 0;
    merged.set(key, { samplingRate, noiseMultiplier, steps: before + steps });
  }
  return [...merged.values()];
}

export class PrivacyLedger implements PrivacySpend {
  constructor(private readonly options: PrivacyLedgerOptions) {}

  /** Every training recorded so far, oldest first. */
  trainings(): PrivacyLedgerEntry[] {
    if (!existsSync(this.options.file)) return [];
    return readJsonFile(this.options.file, ledgerSchema, 'privacy ledger', { notJson: 'STORE_FAILED', invalid: 'STORE_FAILED' }).trainings;
  }

  /** The cumulative ε of the recorded trainings at `delta` (the budget's δ unless given). */
  spent(delta = this.options.budget.delta): number {
    return composedEpsilon(segments(this.trainings()), delta).epsilon;
  }

  reserve(task: { readonly runId: string; readonly round: number; readonly attempt: number }, trainingRows: number): number {
    const { plan, budget, file } = this.options;
    const dp = siteDpSgd(plan, trainingRows);
    if (!dp) throw new MedflError('INTERNAL', 'a privacy ledger was made for a plan without DP-SGD');
    const entry: PrivacyLedgerEntry = {
      runId: task.runId, round: task.round, attempt: task.attempt, samplingRate: dp.samplingRate, noiseMultiplier: dp.noiseMultiplier,
      steps: dp.stepsPerRound, recordedAt: new Date().toISOString(),
    };
    const trainings = [...this.trainings(), entry];
    const epsilon = composedEpsilon(segments(trainings), budget.delta).epsilon;
    if (epsilon > budget.epsilon) {
      throw new MedflError(
        'PRIVACY_BUDGET_EXHAUSTED',
        `round ${task.round} (attempt ${task.attempt}) would take this site's ε to ${epsilon.toFixed(4)} at δ = ${budget.delta}, past its budget of ε = ${budget.epsilon}; the site trains and sends nothing for it`,
        { details: { round: task.round, attempt: task.attempt, epsilon, budget: budget.epsilon, delta: budget.delta } },
      );
    }
    writeDurably(file, `${JSON.stringify({ trainings }, null, 2)}\n`);
    return Math.ceil(composedEpsilon(segments(trainings), dp.delta).epsilon * MICRO);
  }
}
