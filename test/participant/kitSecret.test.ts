import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKitSecret, KIT_SECRET_BYTES, readKitSecret } from '../../participant/kitSecret.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-kit-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kit secrets (real files)', () => {
  it('creates 32 random bytes once, readable only by the owner, and never overwrites them', () => {
    const file = join(dir, 'a.key');
    createKitSecret(file);
    const first = readKitSecret(file, 'test');
    expect(first).toHaveLength(KIT_SECRET_BYTES);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    createKitSecret(file);
    expect(readKitSecret(file, 'test')).toEqual(first);
    const other = join(dir, 'b.key');
    createKitSecret(other);
    expect(Buffer.from(readKitSecret(other, 'test')).equals(Buffer.from(first))).toBe(false);
  });

  it('refuses a damaged file with KIT_INVALID and the hint why a new one will not do', () => {
    const file = join(dir, 'damaged.key');
    writeFileSync(file, `${Buffer.alloc(16).toString('base64')}\n`);
    expect(() => readKitSecret(file, 'shares were already sent')).toThrow(expect.objectContaining({
      code: 'KIT_INVALID',
      message: expect.stringContaining("must hold 32 bytes in base64; restore it from the site's backup (shares were already sent)"),
    }));
    expect(readFileSync(file, 'utf8')).toContain('AAAA');
  });
});
