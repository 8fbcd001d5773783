// What a decryptor has released: <out>/decryption-shares/<runId>/round-R-attempt-A.json holds the set hash it sent a
// share for, written before the share leaves. Shares for two sets of one attempt would let the coordinator combine
// them (createThresholdCodec.ts), so a second set is refused even after a restart.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { CheckedAttempt } from '../../common/he/sumCheckKey.ts';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import { writeDurably } from '../writeDurably.ts';

const releaseSchema = z.object({ setHash: z.string().regex(/^0x[0-9a-f]{64}$/) });

/** Records (durably) that this site releases its share of `attempt` for `setHash`; DECRYPTION_SET_CHANGED if it released one for another set. */
export function recordShareRelease(outDir: string, { runId, round, attempt }: CheckedAttempt, setHash: Hash32): void {
  if (!/^[0-9]+$/.test(runId)) throw new MedflError('USAGE', `run id "${runId}" is not a decimal run id`);
  const dir = join(outDir, 'decryption-shares', runId);
  const file = join(dir, `round-${round}-attempt-${attempt}.json`);
  if (existsSync(file)) {
    const released = readJsonFile(file, releaseSchema, 'decryption-share release', { notJson: 'STORE_FAILED', invalid: 'STORE_FAILED' });
    if (released.setHash === setHash) return;
    throw new MedflError(
      'DECRYPTION_SET_CHANGED',
      `run ${runId} round ${round} attempt ${attempt}: this site released its decryption share for set ${released.setHash} (${file}); the coordinator now asks for set ${setHash}; sending nothing`,
      { details: { released: released.setHash, asked: setHash } },
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeDurably(file, `${JSON.stringify({ setHash }, null, 2)}\n`);
}
