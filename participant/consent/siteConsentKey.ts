// A site's consent key: 32 random bytes in its kit, made on the site's machine the first time it trains and never sent.
// Every patient's opening is an HMAC under it (common/consent/consentPseudonym.ts), so nothing on chain or in a proof
// lets anyone test patient ids against the site's pseudonyms.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';

export const CONSENT_KEY_FILE = 'consent.key';
const KEY_BYTES = 32;

function readKey(file: string): Uint8Array {
  const text = readFileSync(file, 'utf8').trim();
  const key = new Uint8Array(Buffer.from(text, 'base64'));
  if (key.length !== KEY_BYTES || Buffer.from(key).toString('base64') !== text) {
    throw new MedflError('KIT_INVALID', `${file} must hold ${KEY_BYTES} bytes in base64; restore it from the site's backup (proofs for past rounds need the same key)`);
  }
  return key;
}

/** Creates the file exclusively (0600): of two processes racing, one writes and both read the same key. */
function createKey(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new MedflError('KIT_INVALID', `cannot create ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    writeSync(fd, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The key in `kitDir`, created first when `create` is set (a training node); a prover finds it or fails. */
export function siteConsentKey(kitDir: string, options: { create: boolean }): Uint8Array {
  const file = join(kitDir, CONSENT_KEY_FILE);
  if (!existsSync(file)) {
    if (!options.create) throw new MedflError('CONSENT_RECORD_MISSING', `kit ${kitDir} holds no ${CONSENT_KEY_FILE}: this site has not trained with consent roots yet`);
    createKey(file);
  }
  return readKey(file);
}
