// The key shares a site made of its own secret for a run, kept in its out folder before any is sent:
// <out>/own-key-shares/<runId>.json. Making shares draws fresh randomness, and the coordinator refuses a changed
// submission (other sites may hold the first), so after a restart the site sends these again, never new ones.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import { writeDurably } from '../writeDurably.ts';

const keptSchema = z.object({ runId: z.string(), codecId: z.string(), payloads: z.record(z.string(), z.string().base64()) });

/** By recipient (this site included), the share payload it gets; made by `make` and kept the first time only. */
export function ownKeyShares(outDir: string, run: { runId: string; codecId: string }, make: () => ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  if (!/^[0-9]+$/.test(run.runId)) throw new MedflError('USAGE', `run id "${run.runId}" is not a decimal run id`);
  const dir = join(outDir, 'own-key-shares');
  const file = join(dir, `${run.runId}.json`);
  if (!existsSync(file)) {
    const payloads = Object.fromEntries([...make()].map(([site, payload]) => [site, Buffer.from(payload).toString('base64')]));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeDurably(file, `${JSON.stringify({ ...run, payloads }, null, 2)}\n`);
  }
  const kept = readJsonFile(file, keptSchema, 'own key shares', { notJson: 'KEY_INVALID', invalid: 'KEY_INVALID' });
  if (kept.runId !== run.runId || kept.codecId !== run.codecId) {
    throw new MedflError('KEY_INVALID', `${file} holds shares for run ${kept.runId} codec ${kept.codecId}, not run ${run.runId} codec ${run.codecId}`);
  }
  return new Map(Object.entries(kept.payloads).map(([site, text]) => [site, new Uint8Array(Buffer.from(text, 'base64'))]));
}
