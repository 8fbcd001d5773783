import { appendFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UCI_HEART } from '../../datasets/resolveDataset.ts';
import { siteDataStamp } from '../../datasets/siteDataStamp.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-data-stamp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('siteDataStamp', () => {
  const data = join(root, 'consortium');
  generateConsortium({ out: data, hospitals: 2, patients: 4, seed: 1 });

  it('stays the same while no file of the site changes, and differs between sites', () => {
    const first = siteDataStamp(data, 'hospital-1');
    expect(siteDataStamp(data, 'hospital-1')).toBe(first);
    expect(siteDataStamp(data, 'hospital-2')).not.toBe(first);
  });

  it('moves when a file of the site is appended to, touched or added, and not when another site changes', () => {
    const before = siteDataStamp(data, 'hospital-1');
    const other = siteDataStamp(data, 'hospital-2');
    appendFileSync(join(data, 'hospital-2', 'extra.ndjson'), '{}\n');
    expect(siteDataStamp(data, 'hospital-1')).toBe(before);
    expect(siteDataStamp(data, 'hospital-2')).not.toBe(other);
    writeFileSync(join(data, 'hospital-1', 'Consent.ndjson'), '{}\n', { flag: 'a' });
    const appended = siteDataStamp(data, 'hospital-1');
    expect(appended).not.toBe(before);
    // Same size, a later change time: a Consent rewritten in place with as many bytes.
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(data, 'hospital-1', 'Consent.ndjson'), later, later);
    expect(siteDataStamp(data, 'hospital-1')).not.toBe(appended);
  });

  it('names the published UCI heart data by name, and refuses a site the data do not hold as the loader does', () => {
    expect(siteDataStamp(UCI_HEART, 'cleveland')).toBe(`uci:${UCI_HEART}`);
    expect(() => siteDataStamp(data, 'hospital-9')).toThrow(/has no data for site hospital-9/);
  });
});
