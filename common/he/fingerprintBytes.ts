// A masked fingerprint on the wire: CHALLENGES values mod q, each as 8 little-endian bytes. It arrives from another
// party, so decoding checks the length and that every value lies below the prime before any arithmetic uses it.
import type { ErrorCode } from '../errorCodes.ts';
import { MedflError } from '../MedflError.ts';
import { CHALLENGES } from './challengeVectors.ts';

export const FINGERPRINT_BYTES = 8 * CHALLENGES;

export function encodeFingerprint(values: readonly bigint[]): Uint8Array {
  const bytes = new Uint8Array(FINGERPRINT_BYTES);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setBigUint64(8 * i, value, true));
  return bytes;
}

/** The fingerprint's values; `code` names the refusal, `label` whose fingerprint it is. */
export function decodeFingerprint(bytes: Uint8Array, q: bigint, label: string, code: ErrorCode): bigint[] {
  if (bytes.length !== FINGERPRINT_BYTES) {
    throw new MedflError(code, `${label} is ${bytes.length} bytes; a masked fingerprint is ${CHALLENGES} values of 8 bytes (${FINGERPRINT_BYTES})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: CHALLENGES }, (_, i) => {
    const value = view.getBigUint64(8 * i, true);
    if (value >= q) throw new MedflError(code, `${label} has value ${i} at or above the prime`);
    return value;
  });
}
