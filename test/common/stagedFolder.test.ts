import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MedflError } from '../../common/MedflError.ts';
import { writeStagedFolder, writeStagedFolderSync } from '../../common/stagedFolder.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-staged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeStagedFolder', () => {
  it('moves the folder into place only when it is complete', async () => {
    const target = join(dir, 'kits');
    const value = await writeStagedFolder(target, '--out', async (staging) => {
      writeFileSync(join(staging, 'a.txt'), 'a');
      expect(existsSync(target)).toBe(false);
      return 42;
    });
    expect(value).toBe(42);
    expect(readFileSync(join(target, 'a.txt'), 'utf8')).toBe('a');
    expect(readdirSync(dir)).toEqual(['kits']);
  });

  it('leaves nothing behind when the writer fails part-way', async () => {
    const target = join(dir, 'broken');
    const failing = writeStagedFolder(target, '--out', async (staging) => {
      writeFileSync(join(staging, 'half.txt'), 'half');
      throw new MedflError('KIT_INVALID', 'disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('broken'))).toEqual([]);
  });

  it('refuses a non-empty folder or a file, and replaces an empty folder', async () => {
    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'keep');
    await expect(writeStagedFolder(full, '--out', async () => 1)).rejects.toThrow(`--out ${full} already exists and is not empty`);
    expect(readFileSync(join(full, 'keep.txt'), 'utf8')).toBe('keep');
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    await expect(writeStagedFolder(file, '--out', async () => 1)).rejects.toThrow(`--out ${file} is a file`);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await writeStagedFolder(empty, '--out', async (staging) => writeFileSync(join(staging, 'b.txt'), 'b'));
    expect(readdirSync(empty)).toEqual(['b.txt']);
  });

  it('names a target under a file FILE_UNWRITABLE instead of a raw EEXIST', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(writeStagedFolder(join(file, 'card'), '--out', async () => 1)).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: `--out ${join(file, 'card')} cannot be created (EEXIST); name a new folder where you can write`,
    });
  });

  it('works the same for a synchronous writer: in place when complete, nothing left when it throws', () => {
    const target = join(dir, 'sync');
    expect(writeStagedFolderSync(target, '--out', (staging) => writeFileSync(join(staging, 'c.txt'), 'c'))).toBeUndefined();
    expect(readdirSync(target)).toEqual(['c.txt']);
    const broken = join(dir, 'sync-broken');
    expect(() => writeStagedFolderSync(broken, '--out', (staging) => {
      writeFileSync(join(staging, 'half.txt'), 'half');
      throw new MedflError('USAGE', 'stopped');
    })).toThrow('stopped');
    expect(readdirSync(dir).filter((name) => name.includes('sync-broken'))).toEqual([]);
    expect(() => writeStagedFolderSync(target, '--out', () => 1)).toThrow(`--out ${target} already exists and is not empty`);
  });
});
