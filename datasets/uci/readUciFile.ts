// Parses one processed.*.data file of UCI Heart Disease: 14 comma-separated numbers per line, `?` for missing.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { UCI_COLUMNS } from './uciHeartLayout.ts';

export interface UciRecord {
  /** 1-based line number in the file, for messages. */
  readonly line: number;
  /** One value per UCI column; null where the file has `?`. */
  readonly values: readonly (number | null)[];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function readText(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new MedflError('DATASET_NOT_FOUND', `UCI Heart Disease file ${basename(file)} is missing: ${file} does not exist`, { cause });
    }
    throw new MedflError('DATASET_NOT_FOUND', `UCI Heart Disease file ${file} cannot be read (${code ?? 'unknown error'})`, { cause });
  }
}

function parseLine(file: string, line: number, text: string): UciRecord {
  const cells = text.split(',').map((cell) => cell.trim());
  if (cells.length !== UCI_COLUMNS.length) {
    throw new MedflError('DATASET_MALFORMED', `${file}:${line}: expected ${UCI_COLUMNS.length} comma-separated values, found ${cells.length}`, {
      details: { file, line },
    });
  }
  const values = cells.map((cell, i) => {
    if (cell === '?') return null;
    if (!NUMBER.test(cell)) {
      throw new MedflError('DATASET_MALFORMED', `${file}:${line}: column ${UCI_COLUMNS[i]} holds ${JSON.stringify(cell)}, which is neither a number nor ?`, {
        details: { file, line, column: UCI_COLUMNS[i] },
      });
    }
    return Number(cell);
  });
  return { line, values };
}

/** Every non-blank line of `file` as a record; any malformed line is a DATASET_MALFORMED error naming file and line. */
export function readUciFile(file: string): UciRecord[] {
  const lines = readText(file).split(/\r?\n/);
  const records: UciRecord[] = [];
  lines.forEach((text, i) => {
    if (text.trim() !== '') records.push(parseLine(file, i + 1, text));
  });
  if (records.length === 0) throw new MedflError('DATASET_MALFORMED', `${file} holds no data lines`, { details: { file } });
  return records;
}
