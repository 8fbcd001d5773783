// Reads a plan file from disk and validates it; every failure is a MedflError naming the file.
import { z } from 'zod';
import { readJsonFile } from '../readJsonFile.ts';
import { parsePlan } from './parsePlan.ts';
import type { Plan } from './planSchema.ts';

/** parsePlan, not the helper's schema check, words a plan's problems: one line per field, all of them at once. */
export function loadPlan(file: string): Plan {
  return parsePlan(readJsonFile(file, z.unknown(), 'plan file', { notJson: 'PLAN_NOT_JSON' }), file);
}
