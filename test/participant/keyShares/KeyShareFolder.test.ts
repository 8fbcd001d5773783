import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyShareFolder } from '../../../participant/keyShares/KeyShareFolder.ts';
import { honestEntry } from './helpers/honestEntry.ts';
import { shareKits } from './helpers/shareKits.ts';

const kits = shareKits();
const run = { runId: '4', codecId: 'ckks-test', threshold: 3 };
const out = mkdtempSync(join(tmpdir(), 'medfl-share-folder-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('KeyShareFolder', () => {
  it('keeps each entry as it arrived in <out>/key-shares/<run>/<sender>.json, readable by this user only, and reads it back', async () => {
    const folder = new KeyShareFolder(out, '4');
    const fromC = await honestEntry(kits, run, 'site-c', 'site-a');
    const fromB = await honestEntry(kits, run, 'site-b', 'site-a');
    folder.keep(fromC);
    folder.keep(fromB);
    expect(folder.dir).toBe(join(out, 'key-shares', '4'));
    expect(readdirSync(folder.dir)).toEqual(['site-b.json', 'site-c.json']);
    expect(statSync(join(folder.dir, 'site-b.json')).mode & 0o777).toBe(0o600);
    expect(folder.senders()).toEqual(['site-b', 'site-c']);
    expect(folder.entry('site-b')).toEqual({ ...fromB, payloadSealed: new Uint8Array(fromB.payloadSealed), nonce: new Uint8Array(fromB.nonce), signature: new Uint8Array(fromB.signature) });
    expect(folder.entry('site-d')).toBeUndefined();
    expect(new KeyShareFolder(out, '5').senders()).toEqual([]);
  });

  it('refuses a run id that is not decimal, so it can never name a folder outside the out dir', () => {
    expect(() => new KeyShareFolder(out, '../4')).toThrow(expect.objectContaining({ code: 'USAGE', message: 'run id "../4" is not a decimal run id' }));
    expect(existsSync(join(out, '4'))).toBe(false);
  });

  it('refuses a kept file under another sender\'s name or altered into a misshapen entry as KEY_SHARE_INVALID', async () => {
    const folder = new KeyShareFolder(out, '6');
    folder.keep(await honestEntry(kits, { ...run, runId: '6' }, 'site-d', 'site-a'));
    writeFileSync(join(folder.dir, 'site-c.json'), readFileSync(join(folder.dir, 'site-d.json')));
    expect(() => folder.entry('site-c')).toThrow(expect.objectContaining({ code: 'KEY_SHARE_INVALID', message: `kept key share ${join(folder.dir, 'site-c.json')} is from site-d, not site-c` }));
    writeFileSync(join(folder.dir, 'site-b.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(folder.dir, 'site-d.json'), 'utf8')), nonce: 'AAAA' }));
    expect(() => folder.entry('site-b')).toThrow(expect.objectContaining({ code: 'KEY_SHARE_INVALID', message: expect.stringMatching(/is invalid: nonce: a nacl\.box nonce of 24 bytes$/) }));
  });
});
