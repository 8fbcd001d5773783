// A site's record of one round's consent tree: the sorted pseudonyms it committed to, kept in its out folder so that
// it can prove a patient in or out of that round long after. Pseudonyms only: the file lists no patient ids.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import { hash32 } from '../../common/wire/hash32.ts';
import { writeDurably } from '../writeDurably.ts';

const recordSchema = z.object({
  runId: z.string().min(1),
  round: z.number().int().positive(),
  site: z.string().min(1),
  consentRoot: hash32,
  pseudonyms: z.array(hash32),
});

export type ConsentRecord = z.infer<typeof recordSchema>;

export function consentRecordFile(outDir: string, round: number): string {
  return join(outDir, 'consent', `round-${round}.json`);
}

/** Durable before the update that signs its root leaves the site: a committed root always has its record. */
export function writeConsentRecord(outDir: string, record: ConsentRecord): string {
  const file = consentRecordFile(outDir, record.round);
  mkdirSync(join(outDir, 'consent'), { recursive: true });
  writeDurably(file, `${JSON.stringify(record)}\n`);
  return file;
}

/** CONSENT_RECORD_MISSING when this folder's node did not train in `round` (or is not the node's folder at all). */
export function readConsentRecord(outDir: string, round: number): ConsentRecord & { pseudonyms: Hash32[] } {
  const file = consentRecordFile(outDir, round);
  if (!existsSync(file)) throw new MedflError('CONSENT_RECORD_MISSING', `${file} does not exist: the site in ${outDir} did not train in round ${round} (or --site-dir is not its participant --out folder)`);
  return readJsonFile(file, recordSchema, 'consent record', {
    notJson: 'CONSENT_RECORD_MISSING',
    invalid: 'CONSENT_RECORD_MISSING',
    remedy: 'it is the site\'s own record of the round; restore it from the site\'s backup',
  });
}
