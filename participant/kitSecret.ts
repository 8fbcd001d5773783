// A site's 32-byte secret kept in its kit as base64 (its threshold CKKS seed, its consent key): made on the site's own
// machine the first time it is needed, reused ever after, never sent.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { MedflError } from '../common/MedflError.ts';

export const KIT_SECRET_BYTES = 32;

/** The secret in `file`; `restoreHint` says why a stand-in will not do when the file is damaged. */
export function readKitSecret(file: string, restoreHint: string): Uint8Array {
  const text = readFileSync(file, 'utf8').trim();
  const secret = new Uint8Array(Buffer.from(text, 'base64'));
  if (secret.length !== KIT_SECRET_BYTES || Buffer.from(secret).toString('base64') !== text) {
    throw new MedflError('KIT_INVALID', `${file} must hold ${KIT_SECRET_BYTES} bytes in base64; restore it from the site's backup (${restoreHint})`);
  }
  return secret;
}

/** Creates the file exclusively (0600) unless it exists: of two processes racing, one writes and both read the same. */
export function createKitSecret(file: string): void {
  if (existsSync(file)) return;
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new MedflError('KIT_INVALID', `cannot create ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    writeSync(fd, `${randomBytes(KIT_SECRET_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
