// RFC 8785 (JCS) canonical JSON and the sha256 helpers every on-chain hash is built from.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { MedflError } from './MedflError.ts';

// canonicalize ships CommonJS with an ESM-style `export default` typing, which NodeNext cannot call; load it as CJS.
const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

/** A 0x-prefixed, lower-case, 32-byte hex string: the form every hash takes on chain (bytes32). */
export type Hash32 = `0x${string}`;

/** Canonical JSON text of a JSON value (sorted keys, ECMAScript number formatting, no whitespace). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new MedflError('INTERNAL', 'value has no canonical JSON form (undefined at the top level)');
  return text;
}

export function sha256Hex(...parts: (Uint8Array | string)[]): Hash32 {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return `0x${hash.digest('hex')}`;
}

/** sha256 over the canonical JSON bytes of `value`. */
export function canonicalHash(value: unknown): Hash32 {
  return sha256Hex(Buffer.from(canonicalJson(value), 'utf8'));
}
