// A fault drill for hosted sites: which site misbehaves in which round, and how. Read from a file an operator (or the
// soak benchmark) writes, so it is checked like any other untrusted input.
import { z } from 'zod';
import { readJsonFile } from '../../common/readJsonFile.ts';

/**
 * site-restart: the node is stopped right after its update is accepted and started again from its out folder;
 * slow-site: the upload waits `delayMs` first; upload-dropped: the channel is closed and the stream cancelled after the
 * envelope, and the node reconnects and sends again; late-join: the node leaves once it has attested the round before
 * and comes back `delayMs` later, after the round has opened.
 */
export const SITE_FAULT_KINDS = ['site-restart', 'slow-site', 'upload-dropped', 'late-join'] as const;
export type SiteFaultKind = (typeof SITE_FAULT_KINDS)[number];

const siteFaultSchema = z
  .object({
    round: z.number().int().positive(),
    kind: z.enum(SITE_FAULT_KINDS),
    site: z.string().min(1),
    delayMs: z.number().int().min(0).max(600_000),
  })
  .strict();

export type SiteFault = z.infer<typeof siteFaultSchema>;

export function readSiteFaults(file: string): SiteFault[] {
  return readJsonFile(file, z.array(siteFaultSchema), 'fault drill file', { invalid: 'FAULTS_INVALID' });
}
