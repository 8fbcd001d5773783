// A site operator's list of approved plan hashes: a node runs nothing else.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Hash32 } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';
import { readJsonFile } from '../readJsonFile.ts';
import { hash32 } from '../wire/hash32.ts';
import { KIT_FILES } from './kitFiles.ts';

const approvalsSchema = z.array(
  z.object({ planHash: hash32, name: z.string(), approvedAt: z.string() }).strict(),
);

export type PlanApproval = z.infer<typeof approvalsSchema>[number];

export function listApprovedPlans(kitDir: string): PlanApproval[] {
  const file = join(kitDir, KIT_FILES.approvedPlans);
  if (!existsSync(file)) return [];
  return readJsonFile(file, approvalsSchema, 'approved-plans file', { notJson: 'KIT_INVALID', invalid: 'KIT_INVALID', remedy: 'it must be a list of approved plans; fix or delete it' });
}

/** Records the operator's approval of a plan hash (idempotent). */
export function approvePlan(kitDir: string, approval: { planHash: Hash32; name: string }): PlanApproval {
  const approvals = listApprovedPlans(kitDir);
  const existing = approvals.find((entry) => entry.planHash === approval.planHash);
  if (existing) return existing;
  const entry = { ...approval, approvedAt: new Date().toISOString() };
  const file = join(kitDir, KIT_FILES.approvedPlans);
  writeFileSync(`${file}.tmp`, `${JSON.stringify([...approvals, entry], null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return entry;
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
