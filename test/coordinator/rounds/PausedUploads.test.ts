import { describe, expect, it } from 'vitest';
import type { UpdateEnvelope } from '../../../common/wire/protocolTypes.ts';
import { PausedUploads, type ResumableUpload } from '../../../coordinator/rounds/PausedUploads.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const digest = (c: string) => `0x${c.repeat(64)}` as const;
const envelope = (d: string, signature = 1): UpdateEnvelope => ({
  runId: '1', round: 1, attempt: 0, site: 'site-a', examples: 5, codecId: 'c', digest: digest(d), chunkCount: 4, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, signature: new Uint8Array([signature]),
});

/** A broken-off upload holding `received` chunks of `signed`, that records being aborted. */
function intake(signed: UpdateEnvelope, received: number) {
  const state = { aborted: 0 };
  const paused = { envelope: signed, received, abort: async () => void (state.aborted += 1) } as unknown as ResumableUpload;
  return { paused, state };
}

describe('PausedUploads', () => {
  it('answers the offset of the paused upload by digest, and hands it back only to the same signed envelope at that offset', () => {
    const uploads = new PausedUploads();
    const { paused } = intake(envelope('a'), 2);
    uploads.pause('site-a', paused, 60_000);
    expect(uploads.offset('site-a', digest('a'))).toBe(2);
    expect(uploads.offset('site-a', digest('b'))).toBe(0);
    expect(uploads.offset('site-b', digest('a'))).toBe(0);
    // The same fields under another signature are not the envelope the kept chunks were sent under.
    expect(() => uploads.resume('site-a', envelope('a', 9), 2)).toThrow(expect.objectContaining({ code: 'UPLOAD_RESUME_MISMATCH' }));
    expect(uploads.resume('site-a', envelope('a'), 2)).toBe(paused);
    expect(uploads.offset('site-a', digest('a'))).toBe(0);
  });

  it('aborts a paused upload once its time is up, or when its attempt ends', async () => {
    const uploads = new PausedUploads();
    const short = intake(envelope('a'), 1);
    uploads.pause('site-a', short.paused, 20);
    const long = intake(envelope('b'), 3);
    uploads.pause('site-b', long.paused, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect([short.state.aborted, long.state.aborted]).toEqual([1, 0]);
    expect(uploads.offset('site-a', digest('a'))).toBe(0);
    await uploads.discardAll();
    expect(long.state.aborted).toBe(1);
    expect(uploads.offset('site-b', digest('b'))).toBe(0);
  });
});
