// Where the dishonest site meets the masked-fingerprint defence: the envelope field that carries a site's masked
// fingerprint (signed with the envelope, copied into its ContributionLeaf) and how to replace it by a random one.
// The defence's branch names the field; adapt FINGERPRINT_FIELD (and scrambled() for its type) after merging it.
import { randomBytes } from 'node:crypto';

export const FINGERPRINT_FIELD = 'fingerprint';

/** A random value of the same shape: bytes, 0x-hex, decimal string, number, bigint, or an array of those. */
function scrambled(value: unknown): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(randomBytes(value.length));
  if (Array.isArray(value)) return value.map(scrambled);
  if (typeof value === 'bigint') return BigInt(`0x${randomBytes(16).toString('hex')}`);
  if (typeof value === 'number') return Math.floor(Math.random() * 2 ** 48);
  if (typeof value === 'string' && value.startsWith('0x')) return `0x${randomBytes((value.length - 2) / 2).toString('hex')}`;
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(`0x${randomBytes(16).toString('hex')}`).toString();
  throw new Error(`cannot scramble a ${FINGERPRINT_FIELD} of type ${typeof value}`);
}

/** The envelope fields with a random fingerprint, or undefined when this build's envelopes carry none. */
export function withRandomFingerprint<Fields extends object>(fields: Fields): Fields | undefined {
  if (!(FINGERPRINT_FIELD in fields)) return undefined;
  return { ...fields, [FINGERPRINT_FIELD]: scrambled((fields as Record<string, unknown>)[FINGERPRINT_FIELD]) };
}
