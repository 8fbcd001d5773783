// Turns one UCI record into FLamby's 13 features and binary label, or null when a kept column is missing.
import { MedflError } from '../../common/MedflError.ts';
import type { UciRecord } from './readUciFile.ts';
import { DROPPED_COLUMNS, NUMERIC_FEATURES, ONE_HOT, UCI_COLUMNS, type UciColumn } from './uciHeartLayout.ts';

export interface UciExample {
  readonly features: readonly number[];
  /** 1 when `num > 0` (any angiographic disease), else 0. */
  readonly label: number;
}

const columnIndex = (column: UciColumn): number => UCI_COLUMNS.indexOf(column);

/** FLamby drops a row when any column it keeps holds `?`. */
function isComplete(record: UciRecord): boolean {
  return UCI_COLUMNS.every((column, i) => DROPPED_COLUMNS.includes(column) || record.values[i] !== null);
}

export function uciExample(record: UciRecord, file: string): UciExample | null {
  if (!isComplete(record)) return null;
  const value = (column: UciColumn): number => record.values[columnIndex(column)] ?? Number.NaN;
  const features: number[] = NUMERIC_FEATURES.map(value);
  for (const { column, levels } of ONE_HOT) {
    const level = value(column);
    if (!(levels as readonly number[]).includes(level)) {
      throw new MedflError('DATASET_MALFORMED', `${file}:${record.line}: ${column} is ${level}, not one of ${levels.join(', ')}`, {
        details: { file, line: record.line, column },
      });
    }
    for (const other of levels.slice(1)) features.push(level === other ? 1 : 0);
  }
  return { features, label: value('num') > 0 ? 1 : 0 };
}
