// The node's privacy ledger for a DP-SGD plan, with the budget its operator approved the plan with; none for a plan
// without DP-SGD.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { approvedPrivacyBudget } from '../../common/kit/planApproval.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { PrivacyLedger } from './PrivacyLedger.ts';

/** The ledger's file in the node's out folder. */
export const PRIVACY_LEDGER_FILE = 'privacy-ledger.json';

export function sitePrivacySpend(plan: Pick<Plan, 'name' | 'privacy' | 'training' | 'rounds'>, planHash: string, kitDir: string, outDir: string): PrivacyLedger | undefined {
  if (!plan.privacy.dpSgd) return undefined;
  const budget = approvedPrivacyBudget(kitDir, planHash);
  if (!budget) {
    throw new MedflError(
      'PRIVACY_BUDGET_REQUIRED',
      `plan ${plan.name} trains with DP-SGD but this site approved it without a privacy budget; approve it again with medfl plan approve PLAN --kit ${kitDir} --epsilon E`,
    );
  }
  mkdirSync(outDir, { recursive: true });
  return new PrivacyLedger({ file: join(outDir, PRIVACY_LEDGER_FILE), plan, budget });
}
