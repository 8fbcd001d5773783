// A site operator's list of approved plan hashes: a node runs nothing else.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Hash32 } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';
import type { PrivacyBudget } from '../privacy/privacyBudget.ts';
import { readJsonFile } from '../readJsonFile.ts';
import { hash32 } from '../wire/hash32.ts';
import { KIT_FILES } from './kitFiles.ts';

/** Approvals written before DP-SGD carry no budget and stay readable; a DP-SGD plan's approval needs one. */
const approvalsSchema = z.array(
  z
    .object({
      planHash: hash32,
      name: z.string(),
      approvedAt: z.string(),
      privacyBudget: z.object({ epsilon: z.number().positive().finite(), delta: z.number().gt(0).lt(1) }).strict().optional(),
    })
    .strict(),
);

export type PlanApproval = z.infer<typeof approvalsSchema>[number];

export function listApprovedPlans(kitDir: string): PlanApproval[] {
  const file = join(kitDir, KIT_FILES.approvedPlans);
  if (!existsSync(file)) return [];
  return readJsonFile(file, approvalsSchema, 'approved-plans file', { notJson: 'KIT_INVALID', invalid: 'KIT_INVALID', remedy: 'it must be a list of approved plans; fix or delete it' });
}

const sameBudget = (a: PrivacyBudget | undefined, b: PrivacyBudget | undefined) => a?.epsilon === b?.epsilon && a?.delta === b?.delta;

/**
 * Records the operator's approval of a plan hash, with its privacy budget for a DP-SGD plan (privacyBudget.ts).
 * Idempotent; approving again with another budget replaces the budget.
 */
export function approvePlan(kitDir: string, approval: { planHash: Hash32; name: string; privacyBudget?: PrivacyBudget }): PlanApproval {
  const approvals = listApprovedPlans(kitDir);
  const existing = approvals.find((entry) => entry.planHash === approval.planHash);
  if (existing && sameBudget(existing.privacyBudget, approval.privacyBudget)) return existing;
  const entry = { ...approval, approvedAt: new Date().toISOString() };
  const file = join(kitDir, KIT_FILES.approvedPlans);
  writeFileSync(`${file}.tmp`, `${JSON.stringify([...approvals.filter((other) => other !== existing), entry], null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return entry;
}

/** The budget the operator approved this plan with; undefined when the approval carries none (or there is none). */
export function approvedPrivacyBudget(kitDir: string, planHash: string): PrivacyBudget | undefined {
  return listApprovedPlans(kitDir).find((entry) => entry.planHash === planHash)?.privacyBudget;
}

export function isPlanApproved(kitDir: string, planHash: string): boolean {
  return listApprovedPlans(kitDir).some((entry) => entry.planHash === planHash);
}

/** Throws PLAN_NOT_APPROVED unless the operator approved this plan hash. */
export function assertPlanApproved(kitDir: string, planHash: string): void {
  if (!isPlanApproved(kitDir, planHash)) {
    throw new MedflError('PLAN_NOT_APPROVED', `plan ${planHash} is not approved for this node; review it, then run medfl plan approve PLAN --kit ${kitDir}`);
  }
}
