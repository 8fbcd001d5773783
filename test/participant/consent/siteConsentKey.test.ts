import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSENT_KEY_FILE, siteConsentKey } from '../../../participant/consent/siteConsentKey.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-consent-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kitFolder(name: string): string {
  const kit = join(dir, name);
  mkdirSync(kit);
  return kit;
}

describe('siteConsentKey', () => {
  it('is made once on first training, readable by the site only, and the same ever after', () => {
    const kit = kitFolder('kit-a');
    const made = siteConsentKey(kit, { create: true });
    expect(made).toHaveLength(32);
    expect(statSync(join(kit, CONSENT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(siteConsentKey(kit, { create: true })).toEqual(made);
    expect(siteConsentKey(kit, { create: false })).toEqual(made);
  });

  it('is never made by a prover, and a damaged key is refused rather than replaced', () => {
    const kit = kitFolder('kit-b');
    expect(() => siteConsentKey(kit, { create: false })).toThrow(expect.objectContaining({ code: 'CONSENT_RECORD_MISSING' }));
    writeFileSync(join(kit, CONSENT_KEY_FILE), 'c2hvcnQ=\n');
    expect(() => siteConsentKey(kit, { create: true })).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: expect.stringContaining('must hold 32 bytes in base64') }));
  });
});
