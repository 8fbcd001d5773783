import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, describe, expect, it } from 'vitest';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import { keepUpdate, keptUpdate } from '../../../participant/threshold/PreparedUpdates.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const outDir = mkdtempSync(join(tmpdir(), 'medfl-prepared-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const attempt = { runId: '2', round: 3, attempt: 1 };

describe('PreparedUpdates', () => {
  it('gives back, after a restart, exactly the update kept before sending; nothing for another attempt', () => {
    const chunks = [Uint8Array.from({ length: 40 }, (_, i) => i), Uint8Array.from({ length: 40 }, (_, i) => 255 - i)];
    const fields = { ...attempt, site: 'site-a', examples: 12, codecId: 'codec', digest: chunksDigest(chunks), chunkCount: 2, maskedFingerprint: new Uint8Array(32).fill(3), epsilonMicros: 900_001, consentRoot: NO_CONSENT_ROOT };
    const prepared = { envelope: signEnvelope(fields, nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(1)).secretKey), chunks, loss: 0.25, normBeforeClip: undefined };
    expect(keptUpdate(outDir, attempt)).toBeUndefined();
    keepUpdate(outDir, prepared);
    expect(statSync(join(outDir, 'prepared-updates', '2', 'round-3-attempt-1.json')).mode & 0o777).toBe(0o600);
    expect(keptUpdate(outDir, attempt)).toEqual(prepared);
    expect(keptUpdate(outDir, { ...attempt, attempt: 2 })).toBeUndefined();
  });
});
