// Reads a plan file from disk and validates it; every failure is a MedflError naming the file.
import { readFileSync } from 'node:fs';
import { MedflError } from '../MedflError.ts';
import { parsePlan } from './parsePlan.ts';
import type { Plan } from './planSchema.ts';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MedflError('FILE_NOT_FOUND', `plan file ${file} does not exist`, { cause });
    throw new MedflError('FILE_UNREADABLE', `plan file ${file} cannot be read (${code ?? 'unknown error'})`, { cause });
  }
}

export function loadPlan(file: string): Plan {
  const text = readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MedflError('PLAN_NOT_JSON', `plan file ${file} is not JSON: ${reason}`, { cause });
  }
  return parsePlan(value, file);
}
