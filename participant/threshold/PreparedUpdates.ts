// Under threshold CKKS every encryption of one attempt shares its c1 = a_k, so two different uploads for one attempt
// would hand the coordinator the difference of their plaintexts. The update a site prepares is kept before it is sent,
// <out>/prepared-updates/<runId>/round-R-attempt-A.json (its envelope) beside the .chunks file its ciphertexts were
// encrypted into (participant/node/updateChunkFile.ts), so a restarted site sends the very same bytes again.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CheckedAttempt } from '../../common/he/sumCheckKey.ts';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import { envelopeSchema } from '../../common/wire/wireSchemas.ts';
import type { PreparedUpdate } from '../node/contributeRound.ts';
import { preparedUpdateFile } from '../node/preparedUpdateFile.ts';
import { openChunkFile } from '../node/updateChunkFile.ts';
import { writeDurably } from '../writeDurably.ts';

const base64 = z.string().base64().transform((value) => new Uint8Array(Buffer.from(value, 'base64')));
const keptSchema = z.object({
  envelope: z.object({ ...envelopeSchema.shape, signature: base64, maskedFingerprint: base64 }),
  loss: z.number(),
  normBeforeClip: z.number().nullable(),
});

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Where the update for `attempt` is encrypted into, chunk by chunk, before it is signed. */
const preparedChunksFile = (outDir: string, attempt: CheckedAttempt) => preparedUpdateFile(outDir, attempt, 'chunks');

/** The update kept for `attempt`, if this site prepared one; its chunks stay on disk and are read as they are sent. */
export function keptUpdate(outDir: string, attempt: CheckedAttempt): PreparedUpdate | undefined {
  const file = preparedUpdateFile(outDir, attempt, 'json');
  if (!existsSync(file)) return undefined;
  const kept = readJsonFile(file, keptSchema, 'prepared update', { notJson: 'STORE_FAILED', invalid: 'STORE_FAILED' });
  const chunksFile = preparedChunksFile(outDir, attempt);
  if (!existsSync(chunksFile)) throw new MedflError('STORE_FAILED', `the prepared update ${file} has lost its ciphertexts ${chunksFile}; it cannot be sent again`);
  const chunks = openChunkFile(chunksFile);
  if (chunks.length !== kept.envelope.chunkCount) {
    throw new MedflError('STORE_FAILED', `the prepared update ${chunksFile} holds ${chunks.length} ciphertexts, not the ${kept.envelope.chunkCount} its envelope signs`);
  }
  return { envelope: kept.envelope, chunks, loss: kept.loss, normBeforeClip: kept.normBeforeClip ?? undefined };
}

/** Keeps `prepared`'s envelope durably (its chunks already are, in their file) before its first byte is sent. */
export function keepUpdate(outDir: string, prepared: PreparedUpdate): void {
  const { envelope, loss, normBeforeClip } = prepared;
  const file = preparedUpdateFile(outDir, envelope, 'json');
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const text = JSON.stringify({
    envelope: { ...envelope, signature: toBase64(envelope.signature), maskedFingerprint: toBase64(envelope.maskedFingerprint) },
    loss, normBeforeClip: normBeforeClip ?? null,
  });
  writeDurably(file, `${text}\n`);
}
