import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_FILES } from '../../../common/kit/kitFiles.ts';
import { siteSeed } from '../../../participant/threshold/siteSeed.ts';

const dirs: string[] = [];
const kitDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-seed-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('siteSeed', () => {
  it('creates 32 random bytes once, readable by this user only, and returns the same seed ever after', () => {
    const dir = kitDir();
    const seed = siteSeed(dir);
    expect(seed).toHaveLength(32);
    const file = join(dir, KIT_FILES.ckksShareSeed);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(siteSeed(dir)).toEqual(seed);
    expect(siteSeed(kitDir())).not.toEqual(seed);
  });

  it('refuses a damaged seed instead of replacing it (shares already sent depend on it)', () => {
    const dir = kitDir();
    const file = join(dir, KIT_FILES.ckksShareSeed);
    writeFileSync(file, Buffer.alloc(31).toString('base64'));
    expect(() => siteSeed(dir)).toThrow(expect.objectContaining({
      code: 'KIT_INVALID',
      message: `${file} must hold 32 bytes in base64; restore it from the site's backup (a new seed cannot stand in for shares already sent)`,
    }));
  });
});
