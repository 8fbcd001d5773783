import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdsSiteFolders, siteFolders } from '../../datasets/siteFolders.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-site-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('siteFolders', () => {
  const plain = join(root, 'plain');
  for (const site of ['north', 'south']) mkdirSync(join(plain, site), { recursive: true });

  it('finds <data>/<site> for the named sites without a manifest', () => {
    expect(siteFolders(plain, ['south', 'north'])).toEqual([{ site: 'south', path: join(plain, 'south') }, { site: 'north', path: join(plain, 'north') }]);
    expect(holdsSiteFolders(plain, ['east', 'north'])).toBe(true);
  });

  it('names the sites without a folder once any site has one', () => {
    expect(() => siteFolders(plain, ['north', 'east'])).toThrow(`${plain} has no data for site east (it holds north)`);
  });

  it('takes a folder without site folders as the data of the one site asked for, named after it', () => {
    const single = join(root, 'export');
    mkdirSync(single);
    writeFileSync(join(single, 'Patient.ndjson'), '');
    expect(siteFolders(single, ['north'])).toEqual([{ site: 'north', path: single }]);
    expect(siteFolders(single)).toEqual([{ site: 'export', path: single }]);
    expect(() => siteFolders(single, ['north', 'south'])).toThrow(/has no folder for any of the sites north, south/);
  });

  it('reads a generated consortium from its manifest', () => {
    const generated = join(root, 'generated');
    generateConsortium({ out: generated, hospitals: 2, patients: 4, seed: 1 });
    expect(siteFolders(generated, ['hospital-2']).map((f) => f.site)).toEqual(['hospital-2']);
    expect(siteFolders(generated).map((f) => f.site)).toEqual(['hospital-1', 'hospital-2']);
  });
});
