import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordShareRelease } from '../../../participant/threshold/ShareReleases.ts';

const outDir = mkdtempSync(join(tmpdir(), 'medfl-releases-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const attempt = { runId: '3', round: 2, attempt: 1 };
const first = `0x${'aa'.repeat(32)}` as const;
const second = `0x${'bb'.repeat(32)}` as const;

describe('recordShareRelease', () => {
  it('records the set once, accepts it again (a resend), and refuses another set for the attempt', () => {
    recordShareRelease(outDir, attempt, first);
    recordShareRelease(outDir, attempt, first);
    expect(JSON.parse(readFileSync(join(outDir, 'decryption-shares', '3', 'round-2-attempt-1.json'), 'utf8'))).toEqual({ setHash: first });
    expect(() => recordShareRelease(outDir, attempt, second)).toThrow(expect.objectContaining({ code: 'DECRYPTION_SET_CHANGED', details: { released: first, asked: second } }));
    recordShareRelease(outDir, { ...attempt, attempt: 2 }, second);
  });
});
