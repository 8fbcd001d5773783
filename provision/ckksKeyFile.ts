// The site's copy of the consortium CKKS key on disk: the tweetnacl-sealed JSON, written owner-only, read and opened
// with the site's X25519 key. The only part of the HE key handling that touches the file system.
import { readFileSync, writeFileSync } from 'node:fs';
import { MedflError } from '../common/MedflError.ts';
import { openSealedSecretKey, type SealedSecretKey } from '../common/he/sealSecretKey.ts';

export function writeCkksKeyFile(path: string, sealed: SealedSecretKey): void {
  writeFileSync(path, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600 });
}

function parseSealed(text: string, path: string): SealedSecretKey {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new MedflError('KEY_INVALID', `${path} is not a sealed CKKS key file (not JSON)`, { cause });
  }
  const fields = ['codecId', 'ephemeralPublicKey', 'nonce', 'box'] as const;
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (record.format !== 'medfl-ckks-key/1' || fields.some((field) => typeof record[field] !== 'string')) {
    throw new MedflError('KEY_INVALID', `${path} is not a sealed CKKS key file (format medfl-ckks-key/1 with ${fields.join(', ')})`);
  }
  return record as unknown as SealedSecretKey;
}

/** The opened CKKS secret key, after checking the file was sealed for `codecId`. */
export function readCkksKeyFile(path: string, siteSecretKeyX25519: Uint8Array, codecId: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new MedflError('KEY_ABSENT', `no CKKS key file at ${path}: ask the consortium for this site's sealed key`, { cause });
  }
  const sealed = parseSealed(text, path);
  if (sealed.codecId !== codecId) {
    throw new MedflError('CODEC_MISMATCH', `${path} holds the key for codec ${sealed.codecId}, but the run uses ${codecId}`);
  }
  return openSealedSecretKey(sealed, siteSecretKeyX25519);
}
