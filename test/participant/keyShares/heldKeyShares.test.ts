import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldKeyShares } from '../../../participant/keyShares/heldKeyShares.ts';
import { KeyShareFolder } from '../../../participant/keyShares/KeyShareFolder.ts';
import { honestEntry } from './helpers/honestEntry.ts';
import { PAYLOAD_BYTES, sharePayload } from './helpers/sharePayload.ts';
import { shareKits } from './helpers/shareKits.ts';

const kits = shareKits();
const run = { runId: '4', codecId: 'ckks-test', threshold: 3 };
const expected = { ...run, payloadBytes: PAYLOAD_BYTES };
const out = mkdtempSync(join(tmpdir(), 'medfl-held-shares-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('heldKeyShares', () => {
  it('opens what a site kept, by sender, from its out folder alone; a run it holds nothing for is empty', async () => {
    const folder = new KeyShareFolder(out, '4');
    folder.keep(await honestEntry(kits, run, 'site-d', 'site-b'));
    folder.keep(await honestEntry(kits, run, 'site-a', 'site-b'));
    expect(heldKeyShares(kits['site-b'], expected, out)).toEqual(new Map([['site-a', sharePayload('site-a', 'site-b')], ['site-d', sharePayload('site-d', 'site-b')]]));
    expect(heldKeyShares(kits['site-b'], { ...expected, runId: '9' }, out)).toEqual(new Map());
  });

  it('refuses a kept share altered on disk, naming its sender', () => {
    const file = join(out, 'key-shares', '4', 'site-d.json');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { threshold: number };
    writeFileSync(file, JSON.stringify({ ...kept, threshold: 2 }));
    expect(() => heldKeyShares(kits['site-b'], expected, out)).toThrow(expect.objectContaining({
      code: 'KEY_SHARE_INVALID', message: 'the key share from site-d does not verify with site-d\'s signing key',
    }));
  });
});
