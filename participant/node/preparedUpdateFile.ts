// Where a site keeps an update it prepared for one round attempt: <out>/prepared-updates/<runId>/round-R-attempt-A,
// with .chunks for its ciphertexts (encrypted straight into it) and, under threshold CKKS, .json for its envelope.
import { join } from 'node:path';
import type { CheckedAttempt } from '../../common/he/sumCheckKey.ts';
import { MedflError } from '../../common/MedflError.ts';

export function preparedUpdateFile(outDir: string, { runId, round, attempt }: CheckedAttempt, extension: 'json' | 'chunks'): string {
  if (!/^[0-9]+$/.test(runId)) throw new MedflError('USAGE', `run id "${runId}" is not a decimal run id`);
  return join(outDir, 'prepared-updates', runId, `round-${round}-attempt-${attempt}.${extension}`);
}
