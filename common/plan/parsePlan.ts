// Validates an untrusted plan value and reports every problem with its JSON path, in one error.
import type { z } from 'zod';
import { MedflError } from '../MedflError.ts';
import { planSchema, type Plan } from './planSchema.ts';

export interface PlanProblem {
  /** JSON path of the offending value, e.g. `training.learningRate` or `consortium.sites[2]`; `(root)` for the plan. */
  readonly path: string;
  readonly message: string;
}

function jsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  return text || '(root)';
}

function join(base: readonly PropertyKey[], key: string): string {
  return jsonPath([...base, key]);
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return `the string ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  return `a ${typeof input}`;
}

/** Fields earlier plans had and this format dropped, with what replaced them, so an old plan says what to change. */
const RETIRED_FIELDS: Readonly<Record<string, string>> = {
  'privacy.dpNoiseMultiplier':
    'replaced by privacy.dpSgd (record-level DP-SGD with a privacy accountant: { maxGradNorm, delta, noiseMultiplier | targetEpsilon }); remove it',
};

/** One problem per issue; an unknown-keys issue becomes one problem per unknown field, at that field's path. */
export function planProblems(error: z.ZodError): PlanProblem[] {
  return error.issues.flatMap((issue): PlanProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = join(issue.path, key);
        return { path, message: RETIRED_FIELDS[path] ?? 'unknown field (not part of the plan format)' };
      });
    }
    if (issue.code === 'invalid_type') {
      const message = issue.input === undefined ? 'missing required field' : `wrong type: ${describe(issue.input)}`;
      return [{ path: jsonPath(issue.path), message: `${message} (expected ${issue.expected})` }];
    }
    return [{ path: jsonPath(issue.path), message: issue.message }];
  });
}

/** The sections only a plan has; `name`, `seed` and `description` are common to other medfl files (a data manifest). */
const PLAN_SECTIONS = ['model', 'features', 'dataset', 'training', 'strategy', 'privacy', 'consortium'];

/**
 * A JSON object with fields but none of a plan's sections is another kind of file given as a plan (a data manifest, a
 * model.json, a kit): one line saying so reads better than a missing-field line for every plan field.
 */
function otherKindOfFile(value: unknown, source: string): MedflError | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = Object.keys(value);
  if (fields.length === 0 || fields.some((field) => PLAN_SECTIONS.includes(field))) return undefined;
  const found = fields.slice(0, 5).join(', ') + (fields.length > 5 ? ', …' : '');
  return new MedflError('PLAN_INVALID', `${source} is not a plan: it has none of a plan's sections (model, dataset, training, …), only ${found}; give the plan file the run used`, {
    details: { source, fields },
  });
}

/** Validates `value` (parsed JSON) as a plan; `source` names it in messages (usually the file). */
export function parsePlan(value: unknown, source: string): Plan {
  const result = planSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const wrongKind = otherKindOfFile(value, source);
  if (wrongKind) throw wrongKind;
  const problems = planProblems(result.error);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  ${problem.path}: ${problem.message}`);
  throw new MedflError('PLAN_INVALID', `${source} is not a valid plan (${count}):\n${lines.join('\n')}`, { details: { source, problems } });
}
