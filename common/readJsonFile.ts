// Reads one JSON file medfl did not just write (a plan, a site's progress, a reviewer's manifest) and checks it
// against its schema; every failure is one MedflError line naming the file and, for a schema problem, the field.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { ErrorCode } from './errorCodes.ts';
import { MedflError } from './MedflError.ts';
import { zodProblems } from './zodProblems.ts';

export interface JsonFileErrors {
  /** The code when the text is not JSON (FILE_UNREADABLE unless the file's area has its own). */
  readonly notJson?: ErrorCode;
  /** The code when the JSON does not fit the schema (FILE_UNREADABLE unless the file's area has its own). */
  readonly invalid?: ErrorCode;
  /** What the user can do about a bad file, appended to the message. */
  readonly remedy?: string;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MedflError('FILE_NOT_FOUND', `${what} ${file} does not exist`, { cause });
    throw new MedflError('FILE_UNREADABLE', `${what} ${file} cannot be read (${code ?? 'unknown error'})`, { cause });
  }
}

/** The value of `file` as `schema` parses it; `what` names the kind of file in messages ("plan file"). */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string, errors: JsonFileErrors = {}): T {
  const remedy = errors.remedy ? `; ${errors.remedy}` : '';
  let value: unknown;
  try {
    value = JSON.parse(readText(file, what));
  } catch (cause) {
    if (cause instanceof MedflError) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MedflError(errors.notJson ?? 'FILE_UNREADABLE', `${what} ${file} is not JSON: ${reason}${remedy}`, { cause });
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = zodProblems(result.error);
  throw new MedflError(errors.invalid ?? 'FILE_UNREADABLE', `${what} ${file} is invalid: ${problems.join('; ')}${remedy}`, { details: { file, problems } });
}
