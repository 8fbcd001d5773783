// The rows of a results file a plot needs, checked: a malformed file names itself and the missing field.
import { MedflError } from '../../common/MedflError.ts';

export type ResultRow = Record<string, unknown>;

/** `list` as rows that each carry every one of `fields` (rows without them, e.g. another table, are skipped). */
export function rowsWith(file: string, list: unknown, fields: readonly string[]): ResultRow[] {
  if (!Array.isArray(list)) throw new MedflError('FILE_UNREADABLE', `${file} has no list of result rows to plot`);
  const rows = list.filter((row): row is ResultRow => typeof row === 'object' && row !== null && fields.every((field) => field in row));
  if (rows.length === 0) throw new MedflError('FILE_UNREADABLE', `${file} has no row with ${fields.join(', ')} to plot`);
  return rows;
}

/** A field of the results object itself (e.g. `rows`, `rounds`). */
export function field(file: string, result: unknown, name: string): unknown {
  if (typeof result !== 'object' || result === null || !(name in result)) throw new MedflError('FILE_UNREADABLE', `${file} has no "${name}" to plot`);
  return (result as Record<string, unknown>)[name];
}
