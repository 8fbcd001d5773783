import { mkdirSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, describe, expect, it } from 'vitest';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import { writeChunkFile } from '../../../participant/node/updateChunkFile.ts';
import { preparedUpdateFile } from '../../../participant/node/preparedUpdateFile.ts';
import { keepUpdate, keptUpdate } from '../../../participant/threshold/PreparedUpdates.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const outDir = mkdtempSync(join(tmpdir(), 'medfl-prepared-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const attempt = { runId: '2', round: 3, attempt: 1 };

describe('PreparedUpdates', () => {
  it('gives back, after a restart, exactly the update kept before sending; nothing for another attempt', () => {
    const chunks = [Uint8Array.from({ length: 40 }, (_, i) => i), Uint8Array.from({ length: 40 }, (_, i) => 255 - i)];
    const fields = { ...attempt, site: 'site-a', examples: 12, codecId: 'codec', digest: chunksDigest(chunks), chunkCount: 2, maskedFingerprint: new Uint8Array(32).fill(3), epsilonMicros: 900_001, consentRoot: NO_CONSENT_ROOT };
    const file = preparedUpdateFile(outDir, attempt, 'chunks');
    mkdirSync(join(file, '..'), { recursive: true });
    const envelope = signEnvelope(fields, nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(1)).secretKey);
    const prepared = { envelope, chunks: writeChunkFile(file, chunks), loss: 0.25, normBeforeClip: undefined };
    expect(keptUpdate(outDir, attempt)).toBeUndefined();
    keepUpdate(outDir, prepared);
    expect(statSync(join(outDir, 'prepared-updates', '2', 'round-3-attempt-1.json')).mode & 0o777).toBe(0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const kept = keptUpdate(outDir, attempt)!;
    expect({ ...kept, chunks: [...kept.chunks] }).toEqual({ ...prepared, chunks });
    expect([...kept.chunks.slice(1)]).toEqual([chunks[1]]);
    expect(keptUpdate(outDir, { ...attempt, attempt: 2 })).toBeUndefined();
  });

  it('refuses with STORE_FAILED a kept update whose ciphertext file was cut short, rather than send a different update', () => {
    const other = { ...attempt, round: 4 };
    const file = preparedUpdateFile(outDir, other, 'chunks');
    const chunks = [new Uint8Array(40).fill(7), new Uint8Array(40).fill(9)];
    const fields = { ...other, site: 'site-a', examples: 1, codecId: 'codec', digest: chunksDigest(chunks), chunkCount: 2, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
    keepUpdate(outDir, { envelope: signEnvelope(fields, nacl.sign.keyPair().secretKey), chunks: writeChunkFile(file, chunks), loss: 0, normBeforeClip: undefined });
    truncateSync(file, 60);
    expect(() => keptUpdate(outDir, other)).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: `the kept update ${file} is cut short at byte 44; it cannot be sent again` }));
  });
});
